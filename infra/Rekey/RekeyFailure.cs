namespace CreditFunctions.Rekey;

/// <summary>
/// Why a run stopped: a stable code, the sentence in Chinese and in English, and the exit code. Printed as
/// <c>rekey: error {code}: {中文} / {English}</c>.
/// </summary>
public sealed class RekeyFailure(string code, string zh, string en, int exitCode) : Exception($"{code}: {zh} / {en}")
{
    /// <summary>Bad usage: the run did nothing.</summary>
    public const int Usage = 2;

    /// <summary>Refused before writing anything (wrong key, another migration half done).</summary>
    public const int Refused = 3;

    /// <summary>Failed: the run may have moved part of the rows; run it again once the cause is fixed.</summary>
    public const int Failed = 1;

    public string Code { get; } = code;

    public string Zh { get; } = zh;

    public string En { get; } = en;

    public int ExitCode { get; } = exitCode;

    public static RekeyFailure BadUsage(string zh, string en) => new(Codes.Usage, zh, en, Usage);

    /// <summary>The codes, for scripts and the runbook (bicep/README.md, "Re-keying").</summary>
    public static class Codes
    {
        public const string Usage = "rekey-usage";
        public const string KeyUnreadable = "rekey-key-unreadable";
        public const string KeyTooShort = "rekey-key-too-short";
        public const string SameKey = "rekey-same-key";
        public const string StorageNotConfigured = "rekey-storage-not-configured";
        public const string StorageFailed = "rekey-storage-failed";
        public const string WrongOldKey = "rekey-wrong-old-key";
        public const string OtherMigration = "rekey-other-migration";
        public const string ConcurrentWrite = "rekey-concurrent-write";
        public const string Conflict = "rekey-conflict";
        public const string CheckFailed = "rekey-check-failed";
    }
}
