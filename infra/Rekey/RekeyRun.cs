using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Subjects;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFunctions.Rekey;

/// <summary>
/// One run of the migration over the app's own table owners (<see cref="ISubjectKeyHolder"/>), in order:
/// <list type="number">
/// <item>the progress: a run of another key pair left half done refuses this one;</item>
/// <item>learn: every individual's ID number stored with its rows gives its old and new key; a record under a key that is
/// neither refuses the run before anything is written (the old key is wrong);</item>
/// <item>each owner's steps not yet done (a bucket, a table), each recorded as done in the progress when it is;</item>
/// <item>the push is told of the outbox rows that moved;</item>
/// <item>the final check of every owner; passed, the progress is marked complete; failed, the steps are marked to do
/// again, so the next run does them all.</item>
/// </list>
/// A dry run learns and counts, writes nothing and checks nothing.
/// </summary>
public sealed class RekeyRun(IServiceProvider services, TextWriter log)
{
    private const int ParallelSteps = 4;

    public async Task<RekeyReport> RunAsync(RekeyOptions options, string oldKey, string newKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (from, to) = (new SubjectPseudonymizer(oldKey), new SubjectPseudonymizer(newKey));
        if (from.Fingerprint == to.Fingerprint)
        {
            throw new RekeyFailure(RekeyFailure.Codes.SameKey, "旧密钥与新密钥相同", "the old and the new key are the same key", RekeyFailure.Refused);
        }

        var map = new PseudonymRekey(from, to);
        var clock = services.GetRequiredService<TimeProvider>();
        var records = services.GetRequiredService<RecordStore>();
        var holders = services.GetServices<ISubjectKeyHolder>().ToList();
        var report = Empty(options, map);

        var progress = await records.ReadRekeyProgressAsync(cancellationToken);
        var resumed = progress is { CompletedAt: null } && progress.FromFingerprint == map.FromFingerprint && progress.ToFingerprint == map.ToFingerprint;
        // The exact reverse of a migration half done undoes it (a roll-back): rows under either key end under the old one.
        var reverse = progress is { CompletedAt: null } && progress.FromFingerprint == map.ToFingerprint && progress.ToFingerprint == map.FromFingerprint;
        if (progress is { CompletedAt: null } && !resumed && !reverse)
        {
            var failure = new RekeyFailure(RekeyFailure.Codes.OtherMigration,
                $"另一次重新生成假名的迁移（{progress.FromFingerprint} → {progress.ToFingerprint}，开始于 {progress.StartedAt:u}）尚未完成：先用那两把密钥完成它",
                $"another re-keying migration ({progress.FromFingerprint} → {progress.ToFingerprint}, started {progress.StartedAt:u}) is not finished: finish it with its own two keys first",
                RekeyFailure.Refused);
            if (!options.DryRun)
            {
                throw failure;
            }

            log.WriteLine($"rekey: warning {failure.Code}: {failure.Zh} / {failure.En}");
        }

        log.WriteLine($"rekey: {(options.DryRun ? "dry run, nothing is written; " : "")}old key {map.FromFingerprint}, new key {map.ToFingerprint}{(resumed ? $", going on from the run started {progress!.StartedAt:u}" : "")}");
        var learning = await records.LearnSubjectsAsync(map, cancellationToken);
        log.WriteLine($"rekey: {learning.Rows} rows of Records read, {map.Count} individuals with a stored ID number");
        // Watches name subjects the register may hold nothing about; learned before any step, so every table moves them.
        var watched = await services.GetRequiredService<CreditFunctions.App.Watches.WatchStore>().LearnSubjectsAsync(map, cancellationToken);
        log.WriteLine($"rekey: {watched} watched subjects read, {map.Count} individuals known in all");
        if (learning.Foreign > 0)
        {
            throw new RekeyFailure(RekeyFailure.Codes.WrongOldKey,
                $"{learning.Foreign} 行的假名既不是旧密钥也不是新密钥下其身份证号的假名：给出的旧密钥不是登记簿写入时所用的密钥。什么也没有写。例如 {string.Join("; ", learning.ForeignExamples)}",
                $"{learning.Foreign} rows are keyed by a pseudonym of their ID number under neither key: the old key given is not the key the register was written with. Nothing was written. E.g. {string.Join("; ", learning.ForeignExamples)}",
                RekeyFailure.Refused);
        }

        var done = new HashSet<string>(resumed ? progress!.Done : [], StringComparer.Ordinal);
        var started = resumed ? progress!.StartedAt : clock.GetUtcNow();
        var gate = new SemaphoreSlim(1, 1);
        if (!options.DryRun)
        {
            await records.SaveRekeyProgressAsync(new RekeyProgress(map.FromFingerprint, map.ToFingerprint, started, clock.GetUtcNow(), [.. done], null), cancellationToken);
        }

        var tallies = new Dictionary<string, RekeyTally>(StringComparer.Ordinal);
        foreach (var table in holders.SelectMany(h => h.RekeyTables))
        {
            tallies[table] = new RekeyTally(table);
        }

        var steps = holders.SelectMany(h => h.RekeySteps.Select(step => (Holder: h, Step: step))).Where(s => !done.Contains(s.Step)).ToList();
        await Parallel.ForEachAsync(steps, new ParallelOptions { MaxDegreeOfParallelism = ParallelSteps, CancellationToken = cancellationToken }, async (s, token) =>
        {
            RekeyTally tally;
            try
            {
                tally = await s.Holder.RekeyAsync(s.Step, map, options.DryRun, token);
            }
            catch (RekeyConcurrentWriteException e)
            {
                throw new RekeyFailure(RekeyFailure.Codes.ConcurrentWrite,
                    $"迁移期间有数据被改写（{s.Step}）：应用是否已停止？停止后再运行一次即可继续。{e.Message}",
                    $"data changed during the migration ({s.Step}): is the app stopped? Stop it and run again to go on. {e.Message}",
                    RekeyFailure.Failed);
            }

            await gate.WaitAsync(token);
            try
            {
                tallies[tally.Table].Add(tally);
                if (!options.DryRun)
                {
                    done.Add(s.Step);
                    await records.SaveRekeyProgressAsync(new RekeyProgress(map.FromFingerprint, map.ToFingerprint, started, clock.GetUtcNow(), [.. done], null), token);
                }
            }
            finally
            {
                gate.Release();
            }
        });

        var tables = tallies.Values.Select(t => new RekeyTableReport(t.Table, t.Moved, t.Updated, t.AlreadyNew, t.Unknown, t.Conflicts)).ToList();
        var units = tallies.Values.SelectMany(t => t.UnitsWithUnknownRepresentative).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        report = report with { RowsRead = learning.Rows, Individuals = map.Count, Resumed = resumed, Tables = tables, UnitsWithUnknownRepresentative = units };
        foreach (var t in tables)
        {
            log.WriteLine($"rekey: {t.Table}: {t.Moved} {(options.DryRun ? "to move" : "moved")}, {t.Updated} {(options.DryRun ? "to update" : "updated")} in place, {t.AlreadyNew} already under the new key, {t.Unknown} under a key with no stored ID number (left), {t.Conflicts} conflicts");
        }

        if (options.DryRun)
        {
            return report with { Outcome = "dry-run" };
        }

        var events = tallies.Values.SelectMany(t => t.MovedEvents).ToList();
        if (events.Count > 0)
        {
            // The notices already queued name the old buckets (the push finds nothing there and drops them): name the new ones.
            await services.GetRequiredService<PlatformOutbox>().NotifyAsync(events, cancellationToken);
        }

        var problems = new List<string>();
        foreach (var holder in holders)
        {
            problems.AddRange(await holder.CheckRekeyAsync(map, cancellationToken));
        }

        var conflicts = tables.Sum(t => t.Conflicts);
        report = report with { EventsNotified = events.Count, CheckPassed = problems.Count == 0, Problems = problems };
        if (problems.Count > 0 || conflicts > 0)
        {
            // Every step again next time: the check found something a step left.
            await records.SaveRekeyProgressAsync(new RekeyProgress(map.FromFingerprint, map.ToFingerprint, started, clock.GetUtcNow(), [], null), cancellationToken);
            foreach (var problem in problems)
            {
                log.WriteLine($"rekey: check: {problem}");
            }

            var failure = conflicts > 0
                ? new RekeyFailure(RekeyFailure.Codes.Conflict,
                    $"{conflicts} 行在新密钥下已有不同的内容，未移动（新密钥下的应用是否在迁移完成前启动过？）",
                    $"{conflicts} rows already have other content under the new key and were not moved (was the app started on the new key before the migration finished?)",
                    RekeyFailure.Failed)
                : new RekeyFailure(RekeyFailure.Codes.CheckFailed,
                    $"最终检查未通过（{problems.Count} 项）：不要切换密钥；排除原因后再运行一次",
                    $"the final check failed ({problems.Count} problems): do not switch the key; fix the cause and run again",
                    RekeyFailure.Failed);
            return report with { Outcome = "failed", Error = $"{failure.Code}: {failure.Zh} / {failure.En}" };
        }

        await records.SaveRekeyProgressAsync(new RekeyProgress(map.FromFingerprint, map.ToFingerprint, started, clock.GetUtcNow(), [.. done], clock.GetUtcNow()), cancellationToken);
        log.WriteLine("rekey: check passed: nothing is left under the old key; every record's history verifies under the new one");
        return report with { Outcome = "done" };
    }

    private static RekeyReport Empty(RekeyOptions options, PseudonymRekey map) => new(
        "failed", options.DryRun, map.FromFingerprint, map.ToFingerprint, options.OldKey.Describe(), options.NewKey.Describe(),
        0, 0, false, [], [], 0, null, [], null);
}
