namespace CreditFunctions.App.Ingestion;

/// <summary>What became of one message: counts for logs and tests.</summary>
public sealed record IngestOutcome(string? MessageId, int Stored, int Unchanged, int Rejected, bool AlreadyApplied, string? MessageRejection)
{
    public static IngestOutcome Refused(string? messageId, string code) => new(messageId, 0, 0, 1, false, code);
}
