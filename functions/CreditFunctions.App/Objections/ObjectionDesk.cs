using CreditFunctions.App.Api;
using CreditFunctions.App.Cases;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Calendar;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Time;

namespace CreditFunctions.App.Objections;

/// <summary>
/// Objections (art10; Regulations art36): filing marks the record and passes the objection to the submitting unit; the
/// unit's decision changes the record and lifts the mark; every step is in the record's history. The rules are
/// <see cref="ObjectionPolicy"/>'s, the order of writes <see cref="CaseFlow{TCase}"/>'s (docs/table-design.md, "Cases").
/// </summary>
public sealed class ObjectionDesk(
    CaseFlow<StoredObjection> flow,
    ObjectionSteps steps,
    RecordStore records,
    SubjectKeys keys,
    CatalogueSet catalogues,
    WorkingDayCalendar calendar,
    TimeProvider clock)
{
    public async Task<CaseResult<ObjectionFiled>> FileAsync(Caller caller, ObjectionFilingBody body, CancellationToken cancellationToken)
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
            var stored = filer is null ? null : await records.FindForSubjectAsync(body.RecordId, subjectKey, cancellationToken);
            var heldBy = stored is null ? null : await flow.Table.HolderOfAsync(stored.Record.RecordId, cancellationToken);
            var check = ObjectionPolicy.CheckFiling(filer, request, stored?.Record, stored?.Record.UnderObjection == true || heldBy is not null, today);
            if (!check.IsAccepted)
            {
                if (heldBy is not null && round == 1 && await steps.FinishHolderAsync(heldBy, cancellationToken))
                {
                    continue;
                }

                return ObjectionProblems.From(check.Problems);
            }

            var deadlines = ObjectionDeadlines.OnFiling(today, calendar, catalogues);
            var objection = new StoredObjection
            {
                Id = CaseIds.NewObjectionId(),
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
                DueOn = deadlines.DecideBy,
                DecideWorkingDays = deadlines.DecideWorkingDays,
            };

            var filing = await flow.FileAsync(objection, holder => steps.FinishHolderAsync(holder, cancellationToken), cancellationToken);
            if (!filing.Claimed)
            {
                // Another filing on the same record won the race.
                return ObjectionProblems.AlreadyOpen(filing.HeldBy ?? "?");
            }

            await steps.OpenAsync(objection, cancellationToken);
            return new ObjectionFiled(objection.ObjectionId, CaseStatus.Pending, objection.DecideBy, objection.RecordId, objection.FiledOn);
        }
    }

    public async Task<CaseResult<ObjectionView>> DecideAsync(Caller caller, string objectionId, ObjectionDecisionBody body, CancellationToken cancellationToken)
    {
        var today = ChinaStandardTime.Today(clock);
        var objection = await flow.VisibleAsync(caller, objectionId, keys, cancellationToken);
        if (objection is null || await records.FindAsync(objection.RecordId, cancellationToken) is not { } stored)
        {
            return ObjectionProblems.NotFound();
        }

        var unit = caller.IsIn(Roles.Unit) ? caller.Unit : null;
        if (!ObjectionPolicy.MayDecide(unit, stored.Record))
        {
            return ObjectionProblems.From(ObjectionPolicy.CheckDecision(unit, stored.Record, false, new ObjectionDecisionRequest(), catalogues, today).Problems);
        }

        if (objection.Status != CaseStatus.Pending)
        {
            if (objection.Status == CaseStatus.Deciding && flow.MayFinish(objection))
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

        var check = ObjectionPolicy.CheckDecision(unit, stored.Record, objectionOpen: true,
            new ObjectionDecisionRequest { Outcome = body.Outcome, Reason = body.Reason, Corrected = corrected }, catalogues, today);
        if (!check.IsAccepted)
        {
            return ObjectionProblems.From(check.Problems);
        }

        var won = await flow.StartDecisionAsync(objection, o => o with
        {
            Status = CaseStatus.Deciding,
            Outcome = check.Outcome!.Value.ToWire(),
            DecisionReason = check.Reason,
            CorrectedJson = check.Outcome == ObjectionOutcome.Corrected ? merged : null,
            DecidedBy = caller.Describe(),
            DecidedOn = today,
        }, cancellationToken);
        if (won is null)
        {
            return ObjectionProblems.NotOpen();
        }

        return ObjectionViews.Of(await steps.CompleteAsync(won, cancellationToken), today);
    }

    public async Task<CaseResult<ObjectionView>> GetAsync(Caller caller, string objectionId, CancellationToken cancellationToken)
    {
        var objection = await flow.VisibleAsync(caller, objectionId, keys, cancellationToken);
        return objection is not null ? ObjectionViews.Of(objection, ChinaStandardTime.Today(clock)) : ObjectionProblems.NotFound();
    }
}
