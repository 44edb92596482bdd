namespace CreditFunctions.App.Cases;

/// <summary>What filing a case came to: it holds the record now, or another case does.</summary>
public readonly record struct Filing(bool Claimed, string? HeldBy);

/// <summary>
/// The mechanism objections and repairs share (docs/table-design.md, "Cases"): one guarded write decides who goes on —
/// the record's claim on filing, the ETag'd pending → deciding on decision — and every step after it is safe to repeat
/// and finished by whoever finds the case half-way, once the one who started it has had its lease. Each kind keeps
/// only its policy (who may, what it does to the record) in its own desk.
/// </summary>
public sealed class CaseFlow<TCase>(CaseTable<TCase> table, TimeProvider clock)
    where TCase : StoredCase
{
    /// <summary>
    /// How long a filing or decision in progress belongs to the request that started it. Racers finish it only after
    /// this, so eight parallel requests do the work (and send the notice) once, not eight times; a crash is finished by
    /// the next request, or the sweep, after it.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public CaseTable<TCase> Table => table;

    /// <summary>
    /// The case if <paramref name="caller"/> may see it, else null: an unknown id and another's case are the same answer,
    /// so ids cannot be probed (docs/http-api.md "Objections (art10)").
    /// </summary>
    public async Task<TCase?> VisibleAsync(Api.Caller caller, string? id, Storage.SubjectKeys keys, CancellationToken cancellationToken) =>
        await table.GetAsync(id, cancellationToken) is { } found && CaseAccess.MayView(caller, found, keys, clock) ? found : null;

    /// <summary>
    /// Writes the new case, then claims its record: a crash between leaves a case nobody can see (no claim, no index),
    /// never a claim pointing nowhere. When another case holds the record, <paramref name="finishHolder"/> may finish it
    /// (true: it was decided and has released the record), and the claim is tried once more.
    /// </summary>
    public async Task<Filing> FileAsync(TCase draft, Func<string, Task<bool>> finishHolder, CancellationToken cancellationToken)
    {
        await table.CreateAsync(draft, cancellationToken);
        if (await table.TryClaimRecordAsync(draft.RecordId, draft.Id, cancellationToken))
        {
            return new Filing(true, null);
        }

        var holder = await table.HolderOfAsync(draft.RecordId, cancellationToken);
        if (holder is not null && await finishHolder(holder) && await table.TryClaimRecordAsync(draft.RecordId, draft.Id, cancellationToken))
        {
            return new Filing(true, null);
        }

        await table.DeleteAsync(draft.Id, cancellationToken);
        return new Filing(false, holder ?? await table.HolderOfAsync(draft.RecordId, cancellationToken));
    }

    /// <summary>
    /// Pending → deciding, guarded by the ETag read: of two racing decisions exactly one gets past here. A loss to a
    /// sweep (it only marks an escalation) is retried; a loss to another decision is null (the case is not open).
    /// </summary>
    public async Task<TCase?> StartDecisionAsync(TCase current, Func<TCase, TCase> deciding, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            if (current.Status != CaseStatus.Pending)
            {
                return null;
            }

            if (await table.TryReplaceAsync((TCase)((StoredCase)deciding(current) with { DecidedAt = clock.GetUtcNow() }), cancellationToken) is { } won)
            {
                return won;
            }

            current = await table.GetAsync(current.Id, cancellationToken) ?? (TCase)((StoredCase)current with { Status = CaseStatus.Decided });
        }

        return null;
    }

    /// <summary>
    /// Whether a request that did not start this case's current step may finish it: only a decided case's leftovers, or
    /// a step whose starter has had its lease (it crashed, or is very slow).
    /// </summary>
    public bool MayFinish(TCase value) => value.Status switch
    {
        CaseStatus.Decided => true,
        CaseStatus.Deciding => value.DecidedAt is not { } at || clock.GetUtcNow() - at >= Lease,
        _ => clock.GetUtcNow() - value.FiledAt >= Lease,
    };

    /// <summary>
    /// The case holding a record's claim, found by a new filing: once its starter's lease is over, a filing cut short is
    /// opened (<paramref name="open"/>) and a decision cut short is completed (<paramref name="complete"/>). True when it is
    /// decided and the record is free.
    /// </summary>
    public async Task<bool> FinishHolderAsync(string holderId, Func<TCase, Task> open, Func<TCase, Task<TCase>> complete, CancellationToken cancellationToken)
    {
        var holder = await table.GetAsync(holderId, cancellationToken);
        if (holder is null || !MayFinish(holder))
        {
            return false;
        }

        if (holder.Status == CaseStatus.Pending)
        {
            await open(holder);
            return false;
        }

        return (await complete(holder)).Status == CaseStatus.Decided;
    }

    /// <summary>
    /// Sends the subject's notice of the decision once per decision: the sender claims it first (ETag), so of racing
    /// completers one sends; a claim older than the lease whose case is still not decided is taken again (at least
    /// once after a crash; the consumer deduplicates by the case id). Returns the case as it now is.
    /// </summary>
    public async Task<TCase> NotifyOnceAsync(TCase value, Func<Task> send, CancellationToken cancellationToken)
    {
        if (value.NotifiedAt is { } claimed && clock.GetUtcNow() - claimed < Lease)
        {
            return value;
        }

        if (await table.TryReplaceAsync((TCase)((StoredCase)value with { NotifiedAt = clock.GetUtcNow() }), cancellationToken) is not { } mine)
        {
            return await table.GetAsync(value.Id, cancellationToken) ?? value;
        }

        await send();
        return mine;
    }

    /// <summary>Marks the case decided (re-reading on a lost race), writes its index rows and frees its record.</summary>
    public async Task<TCase> MarkDecidedAsync(TCase value, Func<TCase, TCase> decided, CancellationToken cancellationToken)
    {
        var current = value;
        for (var attempt = 1; current.Status != CaseStatus.Decided && attempt <= 3; attempt++)
        {
            if (await table.TryReplaceAsync(decided(current), cancellationToken) is { } done)
            {
                current = done;
                break;
            }

            current = await table.GetAsync(value.Id, cancellationToken) ?? decided(current);
        }

        await FinishAsync(current, cancellationToken);
        return current;
    }

    /// <summary>The lists as the decided case says, and the record freed for a new case.</summary>
    public async Task FinishAsync(TCase decided, CancellationToken cancellationToken)
    {
        await table.WriteIndexAsync(decided, cancellationToken);
        await table.ReleaseRecordAsync(decided.RecordId, decided.Id, cancellationToken);
    }
}
