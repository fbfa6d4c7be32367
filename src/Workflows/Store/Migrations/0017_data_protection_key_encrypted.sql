-- Data-protection keys are stored encrypted from now on (AES-GCM under Security:KeyRingSecret or the database
-- password). Keys written before were plain XML holding their master key: they go, and a new encrypted key is made
-- on first use (a login form open during the upgrade asks to be sent again). Revocations hold no secret and stay.
delete from data_protection_key
where xml like '<key %' and xml not like '%<encryptedSecret %';
