using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Host.Ui.Session;
using AntDesign;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace CommunityWorkflows.Host.Ui.Shared;

/// <summary>
/// What every page shares: the signed-in caller, the UI text, toasts, and one way to run the engine's queries and
/// commands so that the engine's answers land where a person reads them — a rule violation under its field, an
/// unknown or out-of-scope thing as 未找到 (the API's 404), a refused or clashing act as a message, success as a toast.
/// </summary>
public abstract class UiPage : ComponentBase
{
    [Inject] protected UiSession Session { get; set; } = null!;
    [Inject] protected IStringLocalizer<UiText> T { get; set; } = null!;
    [Inject] protected IMessageService Toast { get; set; } = null!;
    [Inject] protected NavigationManager Nav { get; set; } = null!;
    [Inject] protected ILogger<UiPage> Log { get; set; } = null!;

    /// <summary>The thing the page is about is unknown or outside the caller's scope: the page shows 未找到.</summary>
    protected bool NotFound { get; set; }

    /// <summary>A command is running: its button shows a spinner and cannot be pressed twice.</summary>
    protected bool Busy { get; set; }

    protected FormErrors Errors { get; } = new();

    /// <summary>Runs a query as the caller; 404 → <see cref="NotFound"/>.</summary>
    protected async Task LoadAsync(Func<Caller, CancellationToken, Task> load)
    {
        try
        {
            await load(await Session.CallerAsync(), CancellationToken.None);
        }
        catch (NotFoundException)
        {
            NotFound = true;
        }
        catch (SessionEndedException)
        {
        }
    }

    /// <summary>
    /// Runs a command as the caller. Success: the toast <paramref name="success"/> and true. A rule violation: its
    /// messages under the fields they name (and false); refused, clashing or not found: an error message (and false).
    /// </summary>
    protected async Task<bool> ActAsync(Func<Caller, CancellationToken, Task> act, string? success = null)
    {
        if (Busy) return false;
        Busy = true;
        Errors.Clear();
        try
        {
            await act(await Session.CallerAsync(), CancellationToken.None);
            if (success is not null) _ = Toast.SuccessAsync(success);
            return true;
        }
        catch (RuleViolationException violation)
        {
            Errors.Set(violation);
            _ = Toast.ErrorAsync(T["FixTheForm"].Value);
        }
        catch (NotFoundException)
        {
            Errors.Set(T["NotFound"].Value);
            _ = Toast.ErrorAsync(T["NotFound"].Value);
        }
        catch (ForbiddenException refused)
        {
            Errors.Set(refused.Message);
            _ = Toast.ErrorAsync(refused.Message);
        }
        catch (ConflictException clash)
        {
            Errors.Set(clash.Message);
            _ = Toast.WarningAsync(clash.Message);
        }
        catch (SessionEndedException)
        {
        }
        finally
        {
            Busy = false;
        }
        return false;
    }
}
