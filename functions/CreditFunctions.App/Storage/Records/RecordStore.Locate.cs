using Azure;
using Azure.Data.Tables;
using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Records;

namespace CreditFunctions.App.Storage;

public sealed partial class RecordStore
{
    /// <summary>Where a write found the record.</summary>
    /// <param name="Key">The subject key it lives under; null when no locator exists (never seen); empty when only a revoke is remembered.</param>
    /// <param name="Stored">Its row there (null when none).</param>
    /// <param name="Representation">For an individual: its representation row, read with the record (the guard of copies).</param>
    /// <param name="Locator">The locator as read, when it was read.</param>
    private sealed record Place(string? Key, StoredRecord? Stored, TableEntity? Row, TableEntity? Representation, bool RepresentationRead, TableEntity? Locator)
    {
        public long RevokedVersion => Locator?.GetInt64("RevokedVersion") ?? 0;

        public CurrentRecord? Current => Stored is null && RevokedVersion == 0 ? null : new CurrentRecord(Stored?.Record, Stored?.LastMessageId, RevokedVersion);
    }

    /// <summary>
    /// Finds the record for a write: under the hinted subject (its own partition: one read, and no locator read when it
    /// is there), else through its locator; a forwarding row is followed, and a move found half-done is finished first.
    /// </summary>
    private async Task<Place> LocateForWriteAsync(string recordId, string? hint, WriteOptions options, CancellationToken cancellationToken)
    {
        var known = options.KnownNewAt;
        var first = known ?? hint;
        TableEntity? hintRow = null, hintRepresentation = null;
        var hintGuarded = false;
        if (first is not null)
        {
            (hintRow, hintRepresentation, hintGuarded) = await ReadAtAsync(first, recordId, options, cancellationToken);
            if (known is not null || (hintRow is not null && !ToStored(hintRow).IsForwarding))
            {
                // Known new (this writer just added its locator) or found live under the hint: that is where it lives.
                return await FollowAsync(new Place(first, hintRow is null ? null : ToStored(hintRow), hintRow, hintRepresentation, hintGuarded, null), recordId, options, cancellationToken);
            }
        }

        var locator = await ReadLocatorAsync(recordId, cancellationToken);
        var key = locator?.GetString("SubjectKey");
        if (locator is null || key is null)
        {
            return new Place(null, null, null, null, false, null);
        }

        if (key.Length == 0)
        {
            return new Place("", null, null, null, false, locator);
        }

        var (row, representation, guarded) = key == first ? (hintRow, hintRepresentation, hintGuarded) : await ReadAtAsync(key, recordId, options, cancellationToken);
        return await FollowAsync(new Place(key, row is null ? null : ToStored(row), row, representation, guarded, locator), recordId, options, cancellationToken);
    }

    /// <summary>Follows forwarding rows to where the record lives now, finishing a move cut short on the way.</summary>
    private async Task<Place> FollowAsync(Place place, string recordId, WriteOptions options, CancellationToken cancellationToken)
    {
        for (var hop = 0; place.Stored is { MovedTo: { } next } forwarding && hop < MaxHops; hop++)
        {
            var (row, representation, guarded) = await ReadAtAsync(next, recordId, options, cancellationToken);
            if (row is null || ToStored(row).HistorySequence < forwarding.HistorySequence)
            {
                await RollForwardAsync(forwarding, place.Row!, cancellationToken);
                (row, representation, guarded) = await ReadAtAsync(next, recordId, options, cancellationToken);
            }

            place = new Place(next, row is null ? null : ToStored(row), row, representation, guarded, place.Locator);
        }

        return place;
    }

    private async Task<(TableEntity? Row, TableEntity? Representation, bool Guarded)> ReadAtAsync(
        string subjectKey, string recordId, WriteOptions options, CancellationToken cancellationToken)
    {
        if (IsIndividual(subjectKey) && options.RefreshCopies)
        {
            var (row, representation) = await ReadWithRepresentationAsync(subjectKey, recordId, cancellationToken);
            return (row, representation, true);
        }

        return (await PointReadAsync(subjectKey, recordId, cancellationToken), null, false);
    }

    /// <summary>
    /// Moves the record to <paramref name="target"/> (contract v2: a higher version naming another subject; also a record
    /// claimed under one subject by a racing writer and stored under another). The row where it was becomes a forwarding
    /// row holding the new state, with the history step and the platform events, in one transaction guarded by its ETag
    /// (Add when there was none): that is the commit point, so of two racing writers one wins and the other re-reads.
    /// The new subject's rows follow (<see cref="RollForwardAsync"/>), then the locator.
    /// </summary>
    private async Task<RecordWrite> RelocateAsync(
        string recordId, Place place, string target, RecordTransition transition, WriteOptions options, CancellationToken cancellationToken)
    {
        var from = place.Key!;
        if (IsIndividual(from) && !place.RepresentationRead)
        {
            var (row, representation) = await ReadWithRepresentationAsync(from, recordId, cancellationToken);
            place = place with { Row = row, Stored = row is null ? null : ToStored(row), Representation = representation, RepresentationRead = true };
        }

        var actions = new List<TableTransactionAction>(8);
        var (forwarding, pending) = Plan(actions, from, place.Stored, transition, movedTo: target, includeProfile: false);
        if (IsIndividual(from))
        {
            actions.Add(GuardRepresentation(from, place.Representation));
        }

        var response = await Records.SubmitTransactionAsync(actions, cancellationToken);
        forwarding.ETag = response.Value[0].Headers.ETag ?? default;
        if (IsIndividual(from))
        {
            // The units this individual represents hold a copy: it becomes a forwarding copy, which no reader counts.
            await RefreshCopiesAsync(from, forwarding, UnitsOf(place.Representation), cancellationToken);
        }

        var stored = await RollForwardAsync(ToStored(forwarding), forwarding, cancellationToken);
        return new RecordWrite(transition, stored, pending);
    }

    /// <summary>
    /// Finishes a move from its forwarding row: copies the history to the new subject's partition, writes the record
    /// there (with its expiry index and profile), refreshes the copies of the units it represents, and points the
    /// locator at it. Safe to repeat and to race: any writer that finds a forwarding row whose target is behind does it.
    /// </summary>
    private async Task<StoredRecord> RollForwardAsync(StoredRecord forwarding, TableEntity forwardingRow, CancellationToken cancellationToken)
    {
        var target = forwarding.MovedTo!;
        var recordId = forwarding.Record.RecordId;
        var partition = SubjectKeys.BucketOf(target);
        var history = new List<TableEntity>();
        await foreach (var entry in HistoryRowsAsync(forwarding.SubjectKey, recordId, cancellationToken))
        {
            history.Add(entry);
        }

        for (var attempt = 1; ; attempt++)
        {
            var (row, representation) = IsIndividual(target)
                ? await ReadWithRepresentationAsync(target, recordId, cancellationToken)
                : (await PointReadAsync(target, recordId, cancellationToken), null);
            var there = row is null ? null : ToStored(row);
            if (there is not null && there.HistorySequence >= forwarding.HistorySequence)
            {
                await PointLocatorAsync(recordId, target, there.Record.Version, null, cancellationToken);
                return there;
            }

            // The history first (the same entries, so a repeat rewrites them as they were), then the record, which makes them count.
            foreach (var chunk in history.Chunk(MaxEntitiesPerTransaction))
            {
                await Records.SubmitTransactionAsync(chunk.Select(h => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Rekeyed(h, target))), cancellationToken);
            }

            var entity = new TableEntity(partition, Keys.RecordRow(target, recordId));
            foreach (var (name, value) in forwardingRow)
            {
                if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
                {
                    entity[name] = value;
                }
            }

            entity["SubjectKey"] = target;
            entity["MovedTo"] = null;
            var record = forwarding.Record;
            var actions = new List<TableTransactionAction>(5)
            {
                row is null ? new(TableTransactionActionType.Add, entity) : new(TableTransactionActionType.UpdateReplace, entity, row.ETag),
            };
            if (record.State == RecordState.Active && record.ExpiresOn is { } expires)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace,
                    new TableEntity(partition, Keys.ExpiryRow(expires, recordId)) { ["SubjectKey"] = target, ["Version"] = record.Version }));
            }

            if (record.SubjectName is not null || record.LegalRepresentative is not null)
            {
                actions.Add(ProfileAction(target, record));
            }

            if (IsIndividual(target))
            {
                actions.Add(GuardRepresentation(target, representation));
            }

            try
            {
                var response = await Records.SubmitTransactionAsync(actions, cancellationToken);
                entity.ETag = response.Value[0].Headers.ETag ?? default;
            }
            catch (TableTransactionFailedException e) when (Contention.IsLostRace(e) && attempt < Contention.MaxAttempts)
            {
                // Another writer finished it, or changed the row there, first: look again.
                await Contention.BackOffAsync(attempt, cancellationToken);
                continue;
            }

            if (IsIndividual(target))
            {
                await RefreshCopiesAsync(target, entity, UnitsOf(representation), cancellationToken);
            }

            await PointLocatorAsync(recordId, target, record.Version, null, cancellationToken);
            return ToStored(entity);
        }

        TableEntity Rekeyed(TableEntity entry, string subjectKey)
        {
            var copy = new TableEntity(SubjectKeys.BucketOf(subjectKey), Keys.HistoryRow(subjectKey, recordId, entry.GetInt32("Sequence") ?? 0));
            foreach (var (name, value) in entry)
            {
                if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
                {
                    copy[name] = value;
                }
            }

            return copy;
        }
    }

    private async Task RefreshCopiesOfAsync(Place place, WriteOptions options, CancellationToken cancellationToken)
    {
        if (place.Row is not null && place.Key is { Length: > 0 } key && IsIndividual(key) && options.RefreshCopies && place.RepresentationRead)
        {
            await RefreshCopiesAsync(key, place.Row, UnitsOf(place.Representation), cancellationToken);
        }
    }
}
