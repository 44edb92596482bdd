using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Objections;

/// <summary>A record by its id for a workflow: locator (record id → subject key), then one point read.</summary>
public sealed class RecordLookup(MessageLedger ledger, RecordStore records)
{
    /// <summary>
    /// The record when it exists and belongs to the subject with <paramref name="subjectKey"/>; null otherwise, so a record
    /// of another subject reads as "not found" and nobody learns another subject's record ids.
    /// </summary>
    public async Task<StoredRecord?> FindAsync(string? recordId, string subjectKey, CancellationToken cancellationToken)
    {
        if (recordId is null || !TableKeys.IsSafe(recordId) || RecordIds.SourceOf(recordId) is null)
        {
            return null;
        }

        var key = await ledger.FindSubjectKeyAsync(recordId, cancellationToken);
        if (key is null || key != subjectKey)
        {
            return null;
        }

        return await records.GetAsync(key, recordId, cancellationToken);
    }
}
