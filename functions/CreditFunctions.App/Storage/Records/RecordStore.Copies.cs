using Azure;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>
/// Copies of a legal representative's records kept in the partition of each unit it represents (art9.2.2), so a
/// unit's restriction check reads one partition, not two: look-up plus access log stay at 2 storage requests.
/// </summary>
/// <remarks>
/// <para>Rows (docs/table-design.md): the individual's <c>s|{X}|u</c> names the units X represents; each such unit
/// holds <c>s|{U}|m|{recordId}</c> per record of X, and its profile says <c>MirroredFrom = X</c> once they are
/// complete. A reader uses the copies only when <c>MirroredFrom</c> equals the profile's legal representative;
/// otherwise it reads the representative's partition (a third request), so a half-made link is slow, never wrong.</para>
/// <para>Why the copies stay complete: every write of an individual's record either creates <c>s|{X}|u</c> (the
/// optimistic path's <c>Add</c>: it fails if the row exists) or carries it with the ETag it read (the
/// read-decide-write path), then refreshes the copies of the units it names. Linking changes that row first (ETag),
/// then reads X's records, then writes the copies guarded by the ETags of what it saw. Any write of X's records
/// either happened before the link read them, or fails on the changed row, re-reads it and refreshes the new unit.
/// A copy is replaced only by a later state of its record (history sequence), under the copy's ETag.</para>
/// <para>Expiry does not refresh copies: activity is by date, so a copy stops counting on its record's last day like
/// the record itself. A record that moves away leaves a forwarding copy, which no reader counts.</para>
/// </remarks>
public sealed partial class RecordStore
{
    private const char UnitSeparator = ',';

    /// <summary>The units named by an individual's representation row (empty when none).</summary>
    private static IReadOnlyList<string> UnitsOf(TableEntity? representation) =>
        representation?.GetString("Units") is { Length: > 0 } units ? units.Split(UnitSeparator) : [];

    /// <summary>An individual's representation row naming no unit, as its first record writes it.</summary>
    private static TableEntity EmptyRepresentation(string subjectKey) =>
        new(SubjectKeys.BucketOf(subjectKey), Keys.RepresentationRow(subjectKey)) { ["Units"] = "" };

    /// <summary>In a write of an individual's record: the row as read, so a concurrent link fails the write.</summary>
    private static TableTransactionAction GuardRepresentation(string subjectKey, TableEntity? representation) =>
        representation is null
            ? new(TableTransactionActionType.Add, EmptyRepresentation(subjectKey))
            : new(TableTransactionActionType.UpdateMerge,
                new TableEntity(SubjectKeys.BucketOf(subjectKey), Keys.RepresentationRow(subjectKey)) { ["Units"] = representation.GetString("Units") ?? "" },
                representation.ETag);

    /// <summary>Brings the copies of one record of <paramref name="representativeKey"/> in <paramref name="units"/> up to <paramref name="record"/>, its state as stored.</summary>
    private async Task RefreshCopiesAsync(string representativeKey, TableEntity record, IReadOnlyList<string> units, CancellationToken cancellationToken)
    {
        foreach (var unit in units)
        {
            await CopyAsync(unit, representativeKey, record, cancellationToken);
        }
    }

    /// <summary>
    /// Makes <paramref name="unitKey"/>'s copies those of <paramref name="representativeKey"/>'s records and marks the
    /// profile <c>MirroredFrom</c>. Does nothing when the profile no longer names that representative, or already is
    /// mirrored from it. Safe to repeat and to race with writes of the representative's records.
    /// </summary>
    public async Task LinkRepresentativeAsync(string unitKey, string representativeKey, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var partition = SubjectKeys.BucketOf(unitKey);
        for (var attempt = 1; ; attempt++)
        {
            // The unit's profile and copies, with their ETags: one range query.
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {Keys.CopyPrefix(unitKey)} and RowKey le {Keys.ProfileRow(unitKey)}");
            TableEntity? profile = null;
            var copies = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            await foreach (var row in Records.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (row.RowKey == Keys.ProfileRow(unitKey))
                {
                    profile = row;
                }
                else
                {
                    copies[row.RowKey] = row;
                }
            }

            if (profile?.GetString("LegalRepresentativeKey") != representativeKey || profile.GetString("MirroredFrom") == representativeKey)
            {
                return;
            }

            await AddUnitAsync(representativeKey, unitKey, cancellationToken);
            var records = await RecordRowsOfAsync(representativeKey, cancellationToken);

            var actions = new List<TableTransactionAction>();
            foreach (var record in records)
            {
                var row = Keys.CopyRow(unitKey, record.GetString("RecordId"));
                var copy = CopyOf(partition, row, representativeKey, record);
                actions.Add(copies.Remove(row, out var existing)
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, copy, existing.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, copy));
            }

            // Copies of a former representative's records go.
            actions.AddRange(copies.Values.Select(stale => new TableTransactionAction(TableTransactionActionType.Delete, stale, stale.ETag)));
            try
            {
                foreach (var chunk in actions.Chunk(MaxEntitiesPerTransaction))
                {
                    await Records.SubmitTransactionAsync(chunk, cancellationToken);
                }

                // Last, and only if the profile still names this representative: the copies are complete.
                await Records.UpdateEntityAsync(
                    new TableEntity(partition, profile.RowKey) { ["MirroredFrom"] = representativeKey }, profile.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when ((Contention.IsLostRace(e) || e.Status == 404) && attempt < Contention.MaxAttempts)
            {
                // A copy was refreshed or deleted, or the profile changed, since we read them: start again from a fresh read.
                await Contention.BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    private async Task AddUnitAsync(string representativeKey, string unitKey, CancellationToken cancellationToken)
    {
        var partition = SubjectKeys.BucketOf(representativeKey);
        var row = Keys.RepresentationRow(representativeKey);
        for (var attempt = 1; ; attempt++)
        {
            var current = await Records.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            var units = UnitsOf(current.HasValue ? current.Value : null).ToList();
            try
            {
                if (!current.HasValue)
                {
                    await Records.AddEntityAsync(new TableEntity(partition, row) { ["Units"] = unitKey }, cancellationToken);
                }
                else
                {
                    // Written even when the unit is already named: the new ETag fails any write of X's records that
                    // read the row before this link, so it re-reads and refreshes this unit's copies.
                    if (!units.Contains(unitKey, StringComparer.Ordinal))
                    {
                        units.Add(unitKey);
                    }

                    await Records.UpdateEntityAsync(
                        new TableEntity(partition, row) { ["Units"] = string.Join(UnitSeparator, units) }, current.Value!.ETag, TableUpdateMode.Merge, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (Contention.IsLostRace(e) && attempt < Contention.MaxAttempts)
            {
                await Contention.BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    private async Task<List<TableEntity>> RecordRowsOfAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var prefix = Keys.RecordPrefix(subjectKey);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {SubjectKeys.BucketOf(subjectKey)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var records = new List<TableEntity>();
        await foreach (var row in Records.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(row);
        }

        return records;
    }

    private async Task CopyAsync(string unitKey, string representativeKey, TableEntity source, CancellationToken cancellationToken)
    {
        var partition = SubjectKeys.BucketOf(unitKey);
        var row = Keys.CopyRow(unitKey, source.GetString("RecordId"));
        var sequence = source.GetInt32("HistorySequence") ?? 0;
        for (var attempt = 1; ; attempt++)
        {
            var existing = await Records.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            if (existing.HasValue && (existing.Value!.GetInt32("HistorySequence") ?? 0) >= sequence)
            {
                return; // This state, or a later one, is there already.
            }

            var copy = CopyOf(partition, row, representativeKey, source);
            try
            {
                if (existing.HasValue)
                {
                    await Records.UpdateEntityAsync(copy, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await Records.AddEntityAsync(copy, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (Contention.IsLostRace(e) && attempt < Contention.MaxAttempts)
            {
                // Another writer copied first: look again, it may have written a later state.
            }
        }
    }

    private static TableEntity CopyOf(string partition, string row, string representativeKey, TableEntity record)
    {
        var copy = new TableEntity(partition, row);
        foreach (var (name, value) in record)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                copy[name] = value;
            }
        }

        copy["MirrorOf"] = representativeKey;
        return copy;
    }
}
