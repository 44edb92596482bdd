using CreditFunctions.App.Api;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Calendar;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Time;

namespace CreditFunctions.App.Objections;

/// <summary>
/// Objections (art10; Regulations art36) as a workflow: filing marks the record and passes the objection to the
/// submitting unit; the unit's decision changes the record and lifts the mark; every step is in the record's history.
/// The rules are <see cref="ObjectionPolicy"/>'s; this class orders the writes so a crash at any point leaves a state the
/// next request (or the sweep) finishes — see docs/table-design.md, "Objections".
/// </summary>
public sealed class ObjectionDesk(
    ObjectionStore objections,
    ObjectionSteps steps,
    RecordLookup lookup,
    RecordStore records,
    SubjectKeys keys,
    CatalogueSet catalogues,
    WorkingDayCalendar calendar,
    TimeProvider clock)
{
    public async Task<WorkflowResult<ObjectionFiled>> FileAsync(Caller caller, ObjectionFilingBody body, CancellationToken cancellationToken)
    {
        var today = ChinaStandardTime.Today(clock);
        if (!RequestReading.TrySubject(body.SubjectId, clock, out var subject, out var invalid))
        {
            return invalid!;
        }

        var filer = ObjectionFiler.FromCaller(caller.Roles, caller.Unit, CaseAccess.OwnSubject(caller, clock));
        var request = new ObjectionRequest { Subject = subject, RecordId = body.RecordId ?? "", Reason = body.Reason, Evidence = body.Evidence };
        var subjectKey = keys.KeyFor(subject);

        // Two rounds at most: the first may find a claim left by an interrupted filing or decision and finish it.
        for (var round = 1; ; round++)
        {
            var stored = filer is null ? null : await lookup.FindAsync(body.RecordId, subjectKey, cancellationToken);
            var claimedBy = stored is null ? null : await objections.OpenObjectionOfAsync(stored.Record.RecordId, cancellationToken);
            var check = ObjectionPolicy.CheckFiling(filer, request, stored?.Record, stored?.Record.UnderObjection == true || claimedBy is not null, today);
            if (!check.IsAccepted)
            {
                if (claimedBy is not null && round == 1 && await steps.ResumeAsync(claimedBy, cancellationToken) == ResumeResult.Released)
                {
                    continue;
                }

                return ObjectionProblems.From(check.Problems);
            }

            var deadlines = ObjectionDeadlines.OnFiling(today, calendar, catalogues);
            var objection = new StoredObjection
            {
                ObjectionId = WorkflowIds.NewObjectionId(),
                RecordId = stored!.Record.RecordId,
                SubjectKey = subjectKey,
                Unit = stored.Record.Source,
                FiledAs = filer!.Value.Role == ObjectionFilerRole.CreditCenter ? "center" : "subject",
                FiledBy = caller.Describe(),
                Reason = check.Reason!,
                Evidence = check.Evidence,
                FiledAt = clock.GetUtcNow(),
                FiledOn = today,
                MarkBy = deadlines.MarkBy,
                PassToUnitBy = deadlines.PassToUnitBy,
                DecideBy = deadlines.DecideBy,
                DecideWorkingDays = deadlines.DecideWorkingDays,
            };

            // The objection first, then the claim: a crash between leaves an objection nobody can see (no claim, no
            // index), never a claim pointing nowhere.
            await objections.CreateAsync(objection, cancellationToken);
            if (!await objections.TryClaimRecordAsync(objection.RecordId, objection.ObjectionId, cancellationToken))
            {
                // Another filing on the same record won the race.
                await objections.DeleteAsync(objection.ObjectionId, cancellationToken);
                var winner = await objections.OpenObjectionOfAsync(objection.RecordId, cancellationToken);
                return ObjectionProblems.AlreadyOpen(winner ?? "?");
            }

            await steps.OpenAsync(objection, cancellationToken);
            return new ObjectionFiled(objection.ObjectionId, ObjectionStatus.Pending, objection.DecideBy, objection.RecordId, objection.FiledOn);
        }
    }

    public async Task<WorkflowResult<ObjectionView>> DecideAsync(Caller caller, string objectionId, ObjectionDecisionBody body, CancellationToken cancellationToken)
    {
        var today = ChinaStandardTime.Today(clock);
        var objection = WorkflowIds.IsWellFormed(objectionId, WorkflowIds.ObjectionPrefix) ? await objections.GetAsync(objectionId, cancellationToken) : null;
        var stored = objection is null ? null : await records.GetAsync(objection.SubjectKey, objection.RecordId, cancellationToken);
        if (objection is null || stored is null)
        {
            return ObjectionProblems.NotFound();
        }

        var unit = caller.IsIn(Roles.Unit) ? caller.Unit : null;
        if (!ObjectionPolicy.MayDecide(unit, stored.Record))
        {
            return ObjectionProblems.From(ObjectionPolicy.CheckDecision(unit, stored.Record, false, new ObjectionDecisionRequest(), catalogues, today).Problems);
        }

        if (objection.Status != ObjectionStatus.Pending)
        {
            if (objection.Status == ObjectionStatus.Deciding)
            {
                // An earlier decision was interrupted: finish it; this one comes too late either way.
                await steps.CompleteAsync(objection, cancellationToken);
            }

            return ObjectionProblems.NotOpen();
        }

        if (!CorrectionReader.TryMerge(body.Corrected, stored.Record, out var merged, out var problem)
            || !CorrectionReader.TryRead(merged, stored.Record.Source, today, out var corrected, out problem))
        {
            return problem!;
        }

        var decision = new ObjectionDecisionRequest { Outcome = body.Outcome, Reason = body.Reason, Corrected = corrected };
        for (var attempt = 1; ; attempt++)
        {
            var check = ObjectionPolicy.CheckDecision(unit, stored.Record, objection.Status == ObjectionStatus.Pending, decision, catalogues, today);
            if (!check.IsAccepted)
            {
                return ObjectionProblems.From(check.Problems);
            }

            // Pending → deciding, guarded by the ETag read: of two racing decisions exactly one gets past here.
            var won = await objections.TryReplaceAsync(objection with
            {
                Status = ObjectionStatus.Deciding,
                Outcome = check.Outcome!.Value.ToWire(),
                DecisionReason = check.Reason,
                CorrectedJson = check.Outcome == ObjectionOutcome.Corrected ? merged : null,
                DecidedBy = caller.Describe(),
                DecidedOn = today,
                DecidedAt = clock.GetUtcNow(),
            }, cancellationToken);
            if (won is not null)
            {
                var decided = await steps.CompleteAsync(won, cancellationToken);
                return ObjectionViews.Of(decided, today);
            }

            // Someone changed it first: another decision (now not pending: 409), or the sweep escalating it (retry).
            objection = await objections.GetAsync(objectionId, cancellationToken);
            if (objection is null || objection.Status != ObjectionStatus.Pending || attempt >= 3)
            {
                return ObjectionProblems.NotOpen();
            }
        }
    }

    public async Task<WorkflowResult<ObjectionView>> GetAsync(Caller caller, string objectionId, CancellationToken cancellationToken)
    {
        var objection = WorkflowIds.IsWellFormed(objectionId, WorkflowIds.ObjectionPrefix) ? await objections.GetAsync(objectionId, cancellationToken) : null;
        if (objection is null)
        {
            return ObjectionProblems.NotFound();
        }

        if (!CaseAccess.MayView(caller, objection.Unit, objection.SubjectKey, keys, clock))
        {
            return CaseAccess.NotYours();
        }

        return ObjectionViews.Of(objection, ChinaStandardTime.Today(clock));
    }
}
