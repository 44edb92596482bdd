using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Cases;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Domain.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CreditFunctions.App.Watches;

/// <summary>
/// The watches' policy (docs/http-api.md "Watches"): a watch belongs to the partner app that made it, known by its Entra
/// object id, and to nobody else — another caller is told there is no such watch, so ids cannot be probed. Reading the
/// feed is a look-up of the subjects in it and is logged (art12).
/// </summary>
public sealed class WatchDesk(
    WatchStore watches, SubjectKeys keys, CatalogueSet catalogues, AccessLogging accessLog, IOptions<WatchOptions> options, TimeProvider clock)
{
    public const int DefaultPage = 100;
    public const int MaxPage = 1000;

    public async Task<ApiAnswer> CreateAsync(Caller caller, WatchBody body, CancellationToken cancellationToken)
    {
        if (caller.ObjectId is not { } owner)
        {
            return Problem.Unauthenticated();
        }

        if (body.Subjects is not { Count: > 0 } named)
        {
            return WatchProblems.MissingSubjects();
        }

        if (named.Count > WatchProblems.MaxSubjects)
        {
            return WatchProblems.TooManySubjects(named.Count);
        }

        if (ReadSubjects(named, out var subjects) is { } bad)
        {
            return bad;
        }

        if (subjects.Count > WatchProblems.MaxSubjects)
        {
            return WatchProblems.TooManySubjects(subjects.Count);
        }

        if (body.Business is { } business && BusinessProblem(business) is { } unknown)
        {
            return unknown;
        }

        if (body.CallbackUrl is not null && !CallbackUrls.IsAcceptable(body.CallbackUrl, options.Value.AllowLoopbackHttp))
        {
            return WatchProblems.InvalidCallbackUrl(body.CallbackUrl, options.Value.AllowLoopbackHttp);
        }

        var now = clock.GetUtcNow();
        var watch = new StoredWatch(CaseIds.NewWatchId(), owner, caller.Name, body.Business, body.CallbackUrl, now, subjects.Count,
            WatchStore.CursorAt(now), default);
        var secret = body.CallbackUrl is null ? null : WebhookSignature.NewSecret();
        // The first cursor is taken once the fan-out finds the watch: no change stored after it can miss the watch.
        await watches.IndexAsync(watch, subjects, cancellationToken);
        watch = watch with { CreatedCursor = WatchStore.CursorAt(clock.GetUtcNow()) };
        await watches.CreateAsync(watch, secret, subjects, cancellationToken);
        return ApiAnswer.Json(new WatchCreated(watch.WatchId, watch.CreatedCursor, subjects.Count, secret), AppJson.Web.WatchCreated, StatusCodes.Status201Created);
    }

    public async Task<ApiAnswer> GetAsync(Caller caller, string watchId, CancellationToken cancellationToken)
    {
        if (await OwnAsync(caller, watchId, cancellationToken) is not { } watch)
        {
            return WatchProblems.NotFound();
        }

        var subjects = watches.SubjectsAsync(watchId, cancellationToken);
        var delivery = watch.CallbackUrl is null ? Task.FromResult<DeliveryState?>(null) : watches.DeliveryAsync(watchId, cancellationToken);
        await Task.WhenAll(subjects, delivery);
        var state = await delivery;
        return ApiAnswer.Json(new WatchView(watch.WatchId, watch.Business, watch.CallbackUrl, watch.CreatedAt, watch.CreatedCursor, watch.SubjectCount,
            (await subjects).Select(s => s.SubjectId).Order(StringComparer.Ordinal).ToList(),
            state is null ? null : new WatchDeliveryView(state.DeliveredCursor, state.Attempts, state.NextAttemptAt, state.LastFailure, state.LastDeliveredAt)),
            AppJson.Web.WatchView);
    }

    public async Task<ApiAnswer> DeleteAsync(Caller caller, string watchId, CancellationToken cancellationToken)
    {
        if (await OwnAsync(caller, watchId, cancellationToken) is not { } watch)
        {
            return WatchProblems.NotFound();
        }

        return await watches.DeleteWatchAsync(watch, cancellationToken) ? ApiAnswer.NoContent() : WatchProblems.Conflict();
    }

    public async Task<ApiAnswer> ChangeSubjectsAsync(Caller caller, string watchId, WatchSubjectsBody body, CancellationToken cancellationToken)
    {
        if ((body.Add?.Count ?? 0) + (body.Remove?.Count ?? 0) == 0)
        {
            return WatchProblems.NothingToChange();
        }

        if (body.Add?.Count > WatchProblems.MaxSubjects)
        {
            return WatchProblems.TooManySubjects(body.Add.Count);
        }

        if (ReadSubjects(body.Add ?? [], out var add) is { } badAdd)
        {
            return badAdd;
        }

        if (ReadSubjects(body.Remove ?? [], out var remove) is { } badRemove)
        {
            return badRemove;
        }

        if (await OwnAsync(caller, watchId, cancellationToken) is not { } watch)
        {
            return WatchProblems.NotFound();
        }

        var held = (await watches.SubjectsAsync(watchId, cancellationToken)).Select(s => s.SubjectKey).ToHashSet(StringComparer.Ordinal);
        var removing = remove.Select(s => s.SubjectKey).Where(held.Contains).Distinct(StringComparer.Ordinal).ToList();
        var removed = removing.ToHashSet(StringComparer.Ordinal);
        var adding = add.Where(s => !held.Contains(s.SubjectKey) || removed.Contains(s.SubjectKey)).ToList();
        // Named in both: the subject stays (added last wins over removed).
        removing = removing.Where(k => !adding.Any(a => a.SubjectKey == k)).ToList();
        adding = adding.Where(a => !held.Contains(a.SubjectKey)).ToList();
        var count = held.Count + adding.Count - removing.Count;
        if (count > WatchProblems.MaxSubjects)
        {
            return WatchProblems.TooManySubjects(count);
        }

        var changed = await watches.ChangeSubjectsAsync(watch, adding, removing, count, cancellationToken);
        return changed is null
            ? WatchProblems.Conflict()
            : ApiAnswer.Json(new WatchSubjectsChanged(watchId, count, adding.Count, removing.Count), AppJson.Web.WatchSubjectsChanged);
    }

    /// <summary>
    /// A page of the feed after <c>after</c> (the watch's creation when absent), up to a moment <see cref="WatchOptions.Settle"/>
    /// ago: one read of the watch, one range query, and the access-log entries of the subjects in the page.
    /// </summary>
    public async Task<ApiAnswer> ChangesAsync(ApiCall call, string watchId, CancellationToken cancellationToken)
    {
        var after = call.Query("after");
        if (after.Length > 0 && !WatchStore.IsCursor(after))
        {
            return WatchProblems.InvalidCursor(after);
        }

        if (!RequestReading.TryLimit(call.Query("limit"), DefaultPage, MaxPage, out var limit, out var badLimit))
        {
            return badLimit!;
        }

        if (await OwnAsync(call.Caller, watchId, cancellationToken) is not { } watch)
        {
            return WatchProblems.NotFound();
        }

        var from = after.Length > 0 ? after : watch.CreatedCursor;
        var page = await watches.ChangesAsync(watchId, from, WatchStore.CursorAt(clock.GetUtcNow() - options.Value.Settle), limit, cancellationToken);
        if (page.Count > 0)
        {
            await accessLog.RecordManyAsync(LookupsOf(call.Caller, watch, page, call.Route.Name), cancellationToken);
        }

        return ApiAnswer.Json(new WatchChangesPage(page.Select(e => e.Change).ToList(), page.Count > 0 ? page[^1].Change.Cursor : from, page.Count == limit),
            AppJson.Web.WatchChangesPage);
    }

    /// <summary>What a page of changes shows, as look-ups: one entry per subject in it (art12: who learned what about whom).</summary>
    public IReadOnlyList<AccessLogEntry> LookupsOf(Caller caller, StoredWatch watch, IReadOnlyList<FeedEntry> page, string route) =>
        page.DistinctBy(e => e.SubjectKey).Select(e => accessLog.EntryForKey(caller, e.SubjectKey, watch.Business, route)).ToList();

    private async Task<StoredWatch?> OwnAsync(Caller caller, string watchId, CancellationToken cancellationToken)
    {
        if (caller.ObjectId is not { } owner || !CaseIds.IsWellFormed(watchId, CaseIds.WatchPrefix))
        {
            return null;
        }

        var watch = await watches.GetAsync(watchId, cancellationToken);
        return watch is not null && string.Equals(watch.OwnerObjectId, owner, StringComparison.OrdinalIgnoreCase) ? watch : null;
    }

    private Problem? BusinessProblem(string business)
    {
        var catalogue = catalogues.ForDate(ChinaStandardTime.Today(clock));
        return catalogue.IsKnownBusinessType(business) ? null : ApiProblems.UnknownBusinessType(business, catalogue.Document.BusinessTypes.Select(b => b.Code));
    }

    private Problem? ReadSubjects(IReadOnlyList<string> named, out List<WatchedSubject> subjects)
    {
        subjects = new List<WatchedSubject>(named.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var today = ChinaStandardTime.Today(clock);
        for (var i = 0; i < named.Count; i++)
        {
            if (!SubjectId.TryParse(named[i], today, out var id, out var error))
            {
                return WatchProblems.InvalidSubject(i, error.Zh, error.En);
            }

            var key = keys.KeyFor(id);
            if (seen.Add(key))
            {
                subjects.Add(new WatchedSubject(key, id.Type.ToWire(), id.Value));
            }
        }

        return null;
    }
}
