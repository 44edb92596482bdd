using System.Globalization;
using CreditFunctions.App.Api;
using CreditFunctions.App.Cases;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Calendar;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Repairs;
using CreditFunctions.Domain.Time;

namespace CreditFunctions.App.Repairs;

/// <summary>
/// Credit repair (art11) as a workflow: an application is evaluated at once (<see cref="RepairEligibility"/>: refused
/// with every unmet condition and the earliest date, or passed to the submitting unit with its due date); the unit
/// approves (the record, and for a unit's wage-arrears listing its listed parties, leave publication and every measure)
/// or rejects with a reason. Every step is in the record's history.
/// </summary>
public sealed class RepairDesk(
    CaseFlow<StoredRepair> flow,
    RepairSteps steps,
    RecordStore records,
    SubjectKeys keys,
    CatalogueSet catalogues,
    WorkingDayCalendar calendar,
    TimeProvider clock)
{
    public async Task<CaseResult<RepairFiled>> FileAsync(Caller caller, RepairFilingBody body, CancellationToken cancellationToken)
    {
        var today = ChinaStandardTime.Today(clock);
        if (!RequestReading.TrySubject(body.SubjectId, clock, out var subject, out var invalid))
        {
            return invalid!;
        }

        DateOnly? correctedOn = null;
        if (body.CorrectedOn is { Length: > 0 } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return Problem.InvalidDate("correctedOn", text);
            }

            correctedOn = day;
        }

        // art11: the subject applies for its own record; the Center may act for it, as for objections (art10).
        var filer = ObjectionFiler.FromCaller(caller.Roles, caller.Unit, CaseAccess.OwnSubject(caller, clock));
        if (!ObjectionPolicy.MayFile(filer, subject))
        {
            return RepairProblems.NotAllowedToApply();
        }

        var subjectKey = keys.KeyFor(subject);
        var stored = await records.FindForSubjectAsync(body.RecordId, subjectKey, cancellationToken);
        if (stored is null)
        {
            return RepairProblems.RecordNotFound();
        }

        var application = new RepairApplication
        {
            Subject = subject,
            RecordId = stored.Record.RecordId,
            Statement = body.Statement,
            Commitment = body.Commitment == true,
            Evidence = body.Evidence,
            CorrectedOn = correctedOn,
            CriminalProceedingsPending = body.CriminalProceedingsPending == true,
        };
        // The subject's other records: the wage-arrears list's "no new arrears in the listing period" needs them.
        var others = (await records.ReadSubjectAsync(subjectKey, cancellationToken)).Records;
        var evaluation = RepairEligibility.Evaluate(stored.Record, application, today, catalogues, others, calendar);
        if (!evaluation.IsEligible)
        {
            return evaluation.Conditions is [{ Code: RepairCodes.RecordNotFound }] ? RepairProblems.RecordNotFound() : RepairProblems.NotEligible(evaluation);
        }

        var repair = new StoredRepair
        {
            Id = CaseIds.NewRepairId(),
            RecordId = stored.Record.RecordId,
            SubjectKey = subjectKey,
            Unit = stored.Record.Source,
            FiledBy = caller.Describe(),
            Statement = evaluation.Statement!,
            Commitment = application.Commitment,
            Evidence = evaluation.Evidence,
            CorrectedOn = correctedOn,
            CriminalProceedingsPending = application.CriminalProceedingsPending,
            WageArrearsRemoval = evaluation.IsWageArrearsRemoval,
            FiledAt = clock.GetUtcNow(),
            FiledOn = today,
            DueOn = evaluation.DueOn!.Value,
        };

        var filing = await flow.FileAsync(repair, holder => steps.FinishHolderAsync(holder, cancellationToken), cancellationToken);
        if (!filing.Claimed)
        {
            return RepairProblems.AlreadyOpen(filing.HeldBy ?? "?");
        }

        await steps.OpenAsync(repair, cancellationToken);
        return new RepairFiled(repair.RepairId, CaseStatus.Pending, repair.DueOn, repair.RecordId, repair.FiledOn, repair.WageArrearsRemoval);
    }

    public async Task<CaseResult<RepairView>> DecideAsync(Caller caller, string repairId, RepairDecisionBody body, CancellationToken cancellationToken)
    {
        var today = ChinaStandardTime.Today(clock);
        var repair = await flow.VisibleAsync(caller, repairId, keys, cancellationToken);
        if (repair is null || await records.FindAsync(repair.RecordId, cancellationToken) is not { } stored)
        {
            return RepairProblems.NotFound();
        }

        var unit = caller.IsIn(Roles.Unit) ? caller.Unit : null;
        if (!RepairDecisions.MayDecide(unit, stored.Record))
        {
            return RepairProblems.From(RepairDecisions.Check(unit, stored.Record, body.Outcome, body.Reason));
        }

        if (repair.Status != CaseStatus.Pending)
        {
            if (repair.Status == CaseStatus.Deciding && flow.MayFinish(repair))
            {
                await steps.CompleteAsync(repair, cancellationToken);
            }

            return RepairProblems.NotOpen();
        }

        var check = RepairDecisions.Check(unit, stored.Record, body.Outcome, body.Reason);
        if (!check.IsAccepted)
        {
            return RepairProblems.From(check);
        }

        var won = await flow.StartDecisionAsync(repair, r => r with
        {
            Status = CaseStatus.Deciding,
            Outcome = check.Outcome!.Value.ToWire(),
            DecisionReason = check.Reason,
            DecidedBy = caller.Describe(),
            DecidedOn = today,
        }, cancellationToken);
        return won is null ? RepairProblems.NotOpen() : RepairViews.Of(await steps.CompleteAsync(won, cancellationToken));
    }

    public async Task<CaseResult<RepairView>> GetAsync(Caller caller, string repairId, CancellationToken cancellationToken)
    {
        var repair = await flow.VisibleAsync(caller, repairId, keys, cancellationToken);
        return repair is not null ? RepairViews.Of(repair) : RepairProblems.NotFound();
    }
}
