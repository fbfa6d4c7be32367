using System.Net;
using CommunityWorkflows.Domain.Access;

namespace CommunityWorkflows.Domain.Tests.Access;

public class LoginThrottleTests
{
    static readonly LoginThrottle Throttle = new(3, TimeSpan.FromMinutes(10), 5);
    static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    static LoginFailures? Fail(LoginFailures? record, DateTimeOffset at, int times = 1)
    {
        for (var i = 0; i < times; i++) record = Throttle.AfterAccountFailure(record, at);
        return record;
    }

    [Fact]
    public void The_lock_starts_at_the_last_allowed_failure_and_ends_on_time()
    {
        var twice = Fail(null, Now, 2);
        Assert.Null(twice!.LockedUntil);
        var locked = Fail(twice, Now);
        Assert.Equal(Now.AddMinutes(10), locked!.LockedUntil);
        Assert.True(Throttle.IsLocked(locked, Now.AddMinutes(9)));
        Assert.False(Throttle.IsLocked(locked, Now.AddMinutes(10)));
        Assert.False(Throttle.IsLocked(null, Now));
    }

    [Fact]
    public void After_a_lock_has_ended_the_next_failure_counts_as_the_first()
    {
        // before the fix the count only fell back on a success: one more failure after each lock relocked for ever
        var locked = Fail(null, Now, 3);
        var after = Fail(locked, Now.AddMinutes(11));
        Assert.Equal(new LoginFailures(1, Now.AddMinutes(11), null), after);
        Assert.False(Throttle.IsLocked(after, Now.AddMinutes(11)));
    }

    [Fact]
    public void Failures_count_within_a_window_from_the_first_one()
    {
        var twice = Fail(null, Now, 2);
        Assert.Equal(1, Fail(twice, Now.AddMinutes(10))!.Failures);
        Assert.Equal(3, Fail(twice, Now.AddMinutes(9))!.Failures);
        // a failure every few minutes does not keep a window open for ever
        var spread = Fail(Fail(Fail(null, Now), Now.AddMinutes(6)), Now.AddMinutes(12));
        Assert.Equal(new LoginFailures(1, Now.AddMinutes(12), null), spread);
    }

    [Fact]
    public void An_address_is_locked_out_of_every_account_at_its_own_higher_limit()
    {
        LoginFailures? address = null;
        for (var i = 0; i < 4; i++) address = Throttle.AfterAddressFailure(address, Now);
        Assert.False(Throttle.IsLocked(address, Now));
        address = Throttle.AfterAddressFailure(address, Now.AddMinutes(1));
        Assert.Equal(Now.AddMinutes(11), address.LockedUntil);
    }

    [Fact]
    public void Settings_out_of_range_are_named()
    {
        Assert.Empty(LoginThrottle.Default.Problems());
        Assert.Equal(3, new LoginThrottle(0, TimeSpan.Zero, 0).Problems().Count());
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void Addresses_are_counted_by_IPv4_address_or_IPv6_64_prefix(string address, string key) =>
        Assert.Equal(key, ClientAddress.Key(IPAddress.Parse(address)));

    [Fact]
    public void A_request_without_an_address_is_counted_as_unknown() =>
        Assert.Equal(ClientAddress.Unknown, ClientAddress.Key(null));
}
