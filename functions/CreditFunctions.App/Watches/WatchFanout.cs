using CreditFunctions.App.Contracts;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Restrictions;
using CreditFunctions.Domain.Status;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Domain.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFunctions.App.Watches;

/// <summary>
/// Puts each change of a subject into the feed of every watch that holds the subject (docs/http-api.md "Watches"). Per
/// change: one range query of the reverse index, one read of the subject (its status, and the decision for a watch's
/// business, as a partner would be answered now), one transaction per watch, and the change row taken off — 3 + 1 per
/// watch, whatever the number of watches of other subjects (several changes of one subject in a notice share the first
/// two). A change of a subject nobody watches costs 2.
/// The change row is taken off only after every feed has it and the callbacks were told, so a crash anywhere is made
/// good by running again (the feeds' markers keep each change once).
/// </summary>
public sealed class WatchFanout(
    RecordStore records,
    WatchStore watches,
    WatchDeliveries deliveries,
    CatalogueSet catalogues,
    IOptions<WatchOptions> options,
    TimeProvider clock,
    ILogger<WatchFanout> logger)
{
    private const int Concurrency = 8;

    /// <returns>How many feed rows were written.</returns>
    public async Task<int> FanOutAsync(IReadOnlyList<OutboxPointer> changes, CancellationToken cancellationToken)
    {
        var written = 0;
        var callbacks = new HashSet<string>(StringComparer.Ordinal);
        var done = new List<OutboxPointer>(changes.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };

        // What each pointer names: carried on the notice, or (a pointer from reconciliation) read from its row.
        // Read side by side (a pointer without its change costs a point read), kept in the notice's order.
        var pointers = changes.DistinctBy(c => (c.Partition, c.EventId)).ToArray();
        var read = new SubjectChangeNotice?[pointers.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, pointers.Length), parallel, async (i, token) =>
            read[i] = await records.ChangeAsync(pointers[i], token));
        // In the order they were stored (a stable sort keeps one transaction's changes as written): reconciliation hands
        // pointers over by record id, not by time.
        var found = pointers.Zip(read).Where(p => p.Second is not null).Select(p => (Pointer: p.First, Change: p.Second!))
            .OrderBy(p => p.Change.At).ToList();

        // One subject's changes in the order they were written (a correction's close before its new version), each at a
        // later cursor than the one before; different subjects side by side.
        await Parallel.ForEachAsync(found.GroupBy(f => f.Change.SubjectKey, StringComparer.Ordinal), parallel, async (subject, token) =>
        {
            var (appended, withCallbacks) = await FanOutSubjectAsync(subject.Key, subject.ToList(), token);
            Interlocked.Add(ref written, appended);
            lock (done)
            {
                callbacks.UnionWith(withCallbacks);
                done.AddRange(subject.Select(s => s.Pointer));
            }
        });

        if (callbacks.Count > 0)
        {
            // After the settle window, so the deliverer finds the new changes readable.
            await deliveries.NotifyAsync([.. callbacks], options.Value.Settle + TimeSpan.FromSeconds(1), cancellationToken);
        }

        await Parallel.ForEachAsync(done, parallel, async (pointer, token) => await records.DeleteChangeAsync(pointer, token));
        return written;
    }

    private async Task<(int Appended, IReadOnlyList<string> Callbacks)> FanOutSubjectAsync(
        string subjectKey, IReadOnlyList<(OutboxPointer Pointer, SubjectChangeNotice Change)> changes, CancellationToken cancellationToken)
    {
        var holders = await watches.WatchesOfAsync(subjectKey, cancellationToken);
        if (holders.Count == 0)
        {
            return (0, []);
        }

        var first = changes[0].Change;
        var today = ChinaStandardTime.Today(clock);
        var stored = await records.ReadSubjectAsync(subjectKey, cancellationToken);
        var subject = new SubjectId(first.SubjectType == "unit" ? SubjectType.Unit : SubjectType.Individual, first.SubjectId);
        // What a partner is shown today: dishonesty past its query period is not (Regulations art35). The state read
        // now is the subject's latest, so every change of this notice carries the status it has come to.
        var visible = QueryPeriod.Visible(stored.Records, today, catalogues, administrator: false);
        var status = CreditStatusEvaluator.StatusOf(subject, visible, today).ToWire();
        var decisions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var business in holders.Select(h => h.Business).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            decisions[business] = await DecisionAsync(subject, stored, visible, business, today, cancellationToken);
        }

        var appended = 0;
        var last = DateTimeOffset.MinValue;
        foreach (var (pointer, change) in changes)
        {
            foreach (var holder in holders)
            {
                // Strictly later than the change before, even within one tick of the clock.
                var at = clock.GetUtcNow();
                last = at > last ? at : last.AddTicks(1);
                var entry = new WatchChange(WatchStore.Cursor(last, pointer.EventId), change.SubjectId, change.At, change.Change, change.RecordId, status,
                    holder.Business is { } b ? decisions[b] : null);
                if (await watches.AppendAsync(holder.WatchId, pointer.EventId, subjectKey, entry, cancellationToken))
                {
                    appended++;
                    if (clock.GetUtcNow() - last >= options.Value.Settle)
                    {
                        // A reader may already have read past this cursor: move the change to one it has not reached.
                        logger.LogWarning("A change took {Elapsed} to reach watch {WatchId}'s feed; moved to a later cursor", clock.GetUtcNow() - last, holder.WatchId);
                        last = clock.GetUtcNow();
                        await watches.ReplaceAsync(holder.WatchId, pointer.EventId, subjectKey, entry, WatchStore.Cursor(last, pointer.EventId), cancellationToken);
                    }
                }
            }
        }

        return (appended, holders.Where(h => h.HasCallback).Select(h => h.WatchId).ToList());
    }

    private async Task<string?> DecisionAsync(
        SubjectId subject, SubjectRecords stored, IReadOnlyList<CreditRecord> visible, string business, DateOnly today, CancellationToken cancellationToken)
    {
        if (!catalogues.ForDate(today).IsKnownBusinessType(business))
        {
            return null;
        }

        IReadOnlyList<CreditRecord> representative = [];
        if (subject.Type == SubjectType.Unit && RestrictionCheck.NeedsLegalRepresentative(business, today, catalogues)
            && stored.Profile?.LegalRepresentativeKey is { } representativeKey)
        {
            representative = stored.Profile.MirroredFrom == representativeKey
                ? stored.RepresentativeCopies.Where(c => c.RepresentativeKey == representativeKey).Select(c => c.Record).ToList()
                : (await records.ReadSubjectAsync(representativeKey, cancellationToken)).Records;
        }

        var result = RestrictionCheck.Evaluate(subject, visible, representative, business, today, catalogues);
        return result.Error is null ? result.Decision.ToWire() : null;
    }
}
