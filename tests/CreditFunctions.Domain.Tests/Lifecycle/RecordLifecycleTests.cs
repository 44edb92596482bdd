using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Domain.Tests.Builders;

namespace CreditFunctions.Domain.Tests.Lifecycle;

/// <summary>
/// Every transition of a record's life, by article, with no storage: the new state, the history step, what the
/// platform hears (PlatformRule) and what a partner following the subject sees (FeedRule).
/// </summary>
public class RecordLifecycleTests
{
    private const string Unit = "SH-HRSS-ENFORCEMENT";
    private static readonly DateOnly Today = Some.Date("2024-06-03");
    private static readonly SubjectId OtherUnit = Some.OtherUnit;

    private static ClassifiedRecord Classified(RecordSubmission submission)
    {
        var result = RecordClassifier.Classify(submission, Catalogues.Embedded, Today);
        Assert.True(result.IsAccepted, result.Rejection?.Code);
        return result.Record;
    }

    private static VersionReceived Version(long version, SubjectId? subject = null, string message = "m1", string decided = "2024-04-30") =>
        new("rec-1", Classified(ASubmission.AdminPenalty().General().About(subject ?? Some.Unit).Version(version).DecidedOn(decided)), message, Today) { Actor = Unit };

    private static CurrentRecord Stored(RecordTransition t) => new(t.After, t.MessageId, t.RevokedVersion);

    private static string[] Types(RecordTransition t) => t.Platform.Select(p => p.Type + (p.Discriminator is null ? "" : "." + p.Discriminator)).ToArray();

    [Fact]
    public void Art5_2_a_first_version_is_received_published_and_listed()
    {
        var t = RecordLifecycle.Apply(null, Version(1));

        Assert.Equal(TransitionOutcome.Applied, t.Outcome);
        Assert.Equal(RecordState.Active, t.After!.State);
        Assert.Equal(HistoryActions.Received, t.Step!.Action);
        Assert.Equal(Unit, t.Step.Actor);
        Assert.Equal(["publish"], Types(t));
        Assert.Equal(FeedChanges.RecordListed, Assert.Single(t.SubjectChanges).Change);
        Assert.Equal("m1", t.MessageId);
    }

    [Fact]
    public void A_higher_version_supersedes_and_is_published_again()
    {
        var first = RecordLifecycle.Apply(null, Version(1));
        var second = RecordLifecycle.Apply(Stored(first), Version(2, message: "m2"));

        Assert.Equal(HistoryActions.Superseded, second.Step!.Action);
        Assert.Equal(2, second.After!.Version);
        Assert.Equal(["publish"], Types(second));
        Assert.Equal(FeedChanges.RecordChanged, Assert.Single(second.SubjectChanges).Change);
    }

    [Fact]
    public void An_equal_or_lower_version_is_stale_whatever_subject_it_names()
    {
        var stored = Stored(RecordLifecycle.Apply(Stored(RecordLifecycle.Apply(null, Version(1))), Version(2, OtherUnit, "m2")));

        foreach (var late in new[] { Version(1, Some.Unit, "m3"), Version(2, Some.Unit, "m4"), Version(1, OtherUnit, "m5") })
        {
            var t = RecordLifecycle.Apply(stored, late);
            Assert.Equal(TransitionOutcome.Refused, t.Outcome);
            Assert.Equal("stale-version", t.Refusal!.Code);
            Assert.Empty(t.Platform);
        }
    }

    [Fact]
    public void The_same_message_delivered_again_is_a_redelivery_not_the_senders_error()
    {
        var stored = Stored(RecordLifecycle.Apply(null, Version(1, message: "m1")));

        var t = RecordLifecycle.Apply(stored, Version(1, message: "m1"));

        Assert.Equal(TransitionOutcome.Redelivered, t.Outcome);
        Assert.Null(t.Refusal);
    }

    [Fact]
    public void V2_a_higher_version_naming_another_subject_moves_the_record_withdrawn_first_then_published()
    {
        var atA = Stored(RecordLifecycle.Apply(null, Version(1)));

        var t = RecordLifecycle.Apply(atA, Version(2, OtherUnit, "m2"));

        Assert.Equal(TransitionOutcome.Applied, t.Outcome);
        Assert.True(t.IsMove);
        Assert.Equal(Some.Unit, t.MovedFrom);
        Assert.Equal(OtherUnit, t.After!.Subject);
        Assert.Equal("rec-1", t.After.RecordId);
        Assert.Equal(HistoryActions.Moved, t.Step!.Action);
        // The withdraw carries the old version and subject: a platform that got the new version first keeps it.
        Assert.Equal(["withdraw.moved", "publish"], Types(t));
        Assert.Equal(1, t.Platform[0].Record.Version);
        Assert.Equal(Some.Unit, t.Platform[0].Record.Subject);
        Assert.Equal(OtherUnit, t.Platform[1].Record.Subject);
        Assert.Equal([(Some.Unit, FeedChanges.RecordWithdrawn), (OtherUnit, FeedChanges.RecordListed)],
            t.SubjectChanges.Select(c => (c.Subject, c.Change)).ToArray());
    }

    [Fact]
    public void Art37_a_revoke_withdraws_the_record_and_the_platform_hears_it()
    {
        var stored = Stored(RecordLifecycle.Apply(null, Version(1)));

        var t = RecordLifecycle.Apply(stored, new RevokeReceived("rec-1", Unit, 2, "m2", Today) { Actor = Unit });

        Assert.Equal(RecordState.Revoked, t.After!.State);
        Assert.Equal(2, t.After.Version);
        Assert.Equal(Today, t.After.WithdrawnOn);
        Assert.Equal(["withdraw"], Types(t));
        Assert.Equal(FeedChanges.RecordWithdrawn, Assert.Single(t.SubjectChanges).Change);
    }

    [Fact]
    public void V2_a_revoke_of_a_record_never_received_is_remembered_by_identity_and_keeps_older_versions_out()
    {
        var t = RecordLifecycle.Apply(null, new RevokeReceived("rec-1", Unit, 3, "m1", Today) { Actor = Unit });

        Assert.Equal(TransitionOutcome.RevokeRemembered, t.Outcome);
        Assert.Null(t.After);
        Assert.Empty(t.Platform);
        var late = RecordLifecycle.Apply(Stored(t), Version(2, message: "m2"));
        Assert.Equal("stale-version", late.Refusal!.Code);
        var newer = RecordLifecycle.Apply(Stored(t), Version(4, message: "m3"));
        Assert.Equal(TransitionOutcome.Applied, newer.Outcome);
        Assert.Equal(HistoryActions.Received, newer.Step!.Action);
    }

    [Fact]
    public void A_record_sent_after_its_period_ended_is_stored_expired_never_published_and_flagged_for_its_sender()
    {
        // Decided 2023-06-01 under NDRC Order No. 58: shown until 2026-06-01 at most; arriving 2026-11-26.
        var today = Some.Date("2026-11-26");
        var classified = RecordClassifier.Classify(ASubmission.AdminPenalty().General().DecidedOn("2023-06-01"), Catalogues.Embedded, today).Record!;

        var t = RecordLifecycle.Apply(null, new VersionReceived("rec-1", classified, "m1", today) { Actor = Unit });

        Assert.Equal(RecordState.Expired, t.After!.State);
        Assert.True(t.ArrivedExpired);
        Assert.Empty(t.Platform);
        Assert.Empty(t.SubjectChanges);
    }

    [Fact]
    public void Art5_2_an_excluded_penalty_is_stored_but_the_platform_never_hears_of_it()
    {
        var classified = Classified(ASubmission.AdminPenalty().SummaryProcedure());

        var t = RecordLifecycle.Apply(null, new VersionReceived("rec-1", classified, "m1", Today) { Actor = Unit });

        Assert.Equal(RecordState.Excluded, t.After!.State);
        Assert.Empty(t.Platform);
        Assert.Empty(t.SubjectChanges);
    }

    [Fact]
    public void Art9_2_a_court_listing_is_shown_but_not_published_back_to_the_platform_it_came_from()
    {
        var classified = Classified(ASubmission.CourtDishonestDebtor().About(Some.Person));

        var t = RecordLifecycle.Apply(null, new VersionReceived("court-1", classified, "m1", Today) { Actor = "court" });

        Assert.Empty(t.Platform);
        Assert.Equal(FeedChanges.RecordListed, Assert.Single(t.SubjectChanges).Change);
    }

    [Fact]
    public void Art10_an_objection_marks_the_record_and_the_platform_hears_it_with_the_objection_id()
    {
        var stored = Stored(RecordLifecycle.Apply(null, Version(1)));

        var t = RecordLifecycle.Apply(stored, new ObjectionOpened("obj_1", "subject", Some.Date("2024-06-11")) { Actor = "subject" });

        Assert.True(t.After!.UnderObjection);
        Assert.Equal(HistoryActions.ObjectionOpened, t.Step!.Action);
        Assert.Equal(["objection-opened.obj_1"], Types(t));
        Assert.Equal(FeedChanges.ObjectionOpened, Assert.Single(t.SubjectChanges).Change);
        var again = RecordLifecycle.Apply(Stored(t), new ObjectionOpened("obj_2", "subject", Some.Date("2024-06-11")) { Actor = "subject" });
        Assert.Equal(TransitionOutcome.Unchanged, again.Outcome);
    }

    private static RecordTransition Decide(CurrentRecord marked, ObjectionDecisionRequest request, DateOnly? on = null) =>
        RecordLifecycle.Apply(marked, new ObjectionDecided("obj_1",
            ObjectionPolicy.CheckDecision(Unit, marked.Record!, true, request, Catalogues.Embedded, on ?? Today), on ?? Today) { Actor = Unit });

    private static CurrentRecord Marked() =>
        Stored(RecordLifecycle.Apply(Stored(RecordLifecycle.Apply(null, Version(1))),
            new ObjectionOpened("obj_1", "subject", Some.Date("2024-06-11")) { Actor = "subject" }));

    [Fact]
    public void Art36_upheld_lifts_the_mark_and_the_platform_hears_the_objection_closed()
    {
        var t = Decide(Marked(), new ObjectionDecisionRequest { Outcome = "upheld", Reason = "事实清楚" });

        Assert.False(t.After!.UnderObjection);
        Assert.Equal("objection-upheld", t.Step!.Action);
        Assert.Equal(["objection-closed.obj_1"], Types(t));
        Assert.Equal(FeedChanges.ObjectionClosed, Assert.Single(t.SubjectChanges).Change);
    }

    [Fact]
    public void Art36_revoked_withdraws_the_record_after_closing_the_objection()
    {
        var t = Decide(Marked(), new ObjectionDecisionRequest { Outcome = "revoked", Reason = "处罚已撤销" });

        Assert.Equal(RecordState.Revoked, t.After!.State);
        Assert.Equal(["objection-closed.obj_1", "withdraw"], Types(t));
        Assert.Equal([FeedChanges.ObjectionClosed, FeedChanges.RecordWithdrawn], t.SubjectChanges.Select(c => c.Change).ToArray());
    }

    [Fact]
    public void Art36_corrected_is_a_new_version_published_after_the_close()
    {
        var marked = Marked();
        var corrected = ASubmission.AdminPenalty().General().DecidedOn("2024-05-01").Build();

        var t = Decide(marked, new ObjectionDecisionRequest { Outcome = "corrected", Reason = "日期有误", Corrected = corrected });

        Assert.Equal(2, t.After!.Version);
        Assert.Equal(Some.Date("2024-05-01"), t.After.DecisionDate);
        Assert.Equal(["objection-closed.obj_1", "publish"], Types(t));
        Assert.Equal([FeedChanges.ObjectionClosed, FeedChanges.RecordChanged], t.SubjectChanges.Select(c => c.Change).ToArray());
    }

    [Fact]
    public void A_correction_whose_period_has_ended_is_stored_expired_and_withdrawn_like_a_late_record()
    {
        // A penalty decided 2023-06-01 (Order No. 58: 36 months at most), objected to and corrected on 2026-06-02.
        var day = Some.Date("2026-05-20");
        var classified = RecordClassifier.Classify(ASubmission.AdminPenalty().General().DecidedOn("2023-06-01"), Catalogues.Embedded, day).Record!;
        var stored = Stored(RecordLifecycle.Apply(null, new VersionReceived("rec-1", classified, "m1", day) { Actor = Unit }));
        var marked = Stored(RecordLifecycle.Apply(stored, new ObjectionOpened("obj_1", "subject", day.AddDays(7)) { Actor = "subject" }));
        var decidedOn = Some.Date("2026-06-02");
        var check = ObjectionPolicy.CheckDecision(Unit, marked.Record!, true,
            new ObjectionDecisionRequest { Outcome = "corrected", Reason = "金额有误", Corrected = ASubmission.AdminPenalty().General().DecidedOn("2023-06-01").Build() },
            Catalogues.Embedded, decidedOn);

        var t = RecordLifecycle.Apply(marked, new ObjectionDecided("obj_1", check, decidedOn) { Actor = Unit });

        Assert.Equal(RecordState.Expired, t.After!.State);
        Assert.Equal(["objection-closed.obj_1", "withdraw"], Types(t));
    }

    [Fact]
    public void Art11_an_approved_repair_withdraws_the_record_and_the_feed_says_repaired()
    {
        var stored = Stored(RecordLifecycle.Apply(null, Version(1)));

        var t = RecordLifecycle.Apply(stored, new RepairApproved("rep_1", Today) { Actor = Unit });

        Assert.Equal(RecordState.Repaired, t.After!.State);
        Assert.Equal(Today, t.After.WithdrawnOn);
        Assert.Equal(HistoryActions.Repaired, t.Step!.Action);
        Assert.Equal(["withdraw"], Types(t));
        Assert.Equal(FeedChanges.Repaired, Assert.Single(t.SubjectChanges).Change);
        Assert.Equal(TransitionOutcome.Unchanged, RecordLifecycle.Apply(Stored(t), new RepairApproved("rep_1", Today) { Actor = Unit }).Outcome);
    }

    [Fact]
    public void Order45_a_party_listed_with_the_unit_is_repaired_with_it()
    {
        var stored = Stored(RecordLifecycle.Apply(null, Version(1)));

        var t = RecordLifecycle.Apply(stored, new RepairApproved("rep_1", Today, "unit-record") { Actor = Unit });

        Assert.Equal(HistoryActions.RepairedWithUnit, t.Step!.Action);
        Assert.Contains("unit-record", t.Step.Detail);
    }

    [Fact]
    public void History_only_steps_change_nothing_the_platform_or_a_follower_sees()
    {
        var stored = Stored(RecordLifecycle.Apply(null, Version(1)));
        RecordEvent[] steps =
        [
            new RepairApplied("rep_1", false, Today.AddDays(3)) { Actor = "subject" },
            new RepairRejected("rep_1", "材料不全") { Actor = Unit },
            new ObjectionEscalated("obj_1", Today, Unit) { Actor = SystemActors.ObjectionSweep },
        ];

        foreach (var step in steps)
        {
            var t = RecordLifecycle.Apply(stored, step);
            Assert.Equal(TransitionOutcome.Applied, t.Outcome);
            Assert.Equal(stored.Record, t.After);
            Assert.NotNull(t.Step);
            Assert.Empty(t.Platform);
            Assert.Empty(t.SubjectChanges);
        }
    }

    [Fact]
    public void Expiry_withdraws_on_the_expiry_day_and_only_the_version_the_index_meant()
    {
        var stored = Stored(RecordLifecycle.Apply(null, Version(1)));
        var expires = stored.Record!.ExpiresOn!.Value;

        var t = RecordLifecycle.Apply(stored, new ExpiryDue(expires, 1) { Actor = SystemActors.ExpirySweep });
        Assert.Equal(RecordState.Expired, t.After!.State);
        Assert.Equal(["withdraw"], Types(t));
        Assert.Equal(FeedChanges.RecordExpired, Assert.Single(t.SubjectChanges).Change);

        Assert.Equal(TransitionOutcome.Unchanged, RecordLifecycle.Apply(stored, new ExpiryDue(expires.AddDays(1), 1) { Actor = SystemActors.ExpirySweep }).Outcome);
        Assert.Equal(TransitionOutcome.Unchanged, RecordLifecycle.Apply(stored, new ExpiryDue(expires, 2) { Actor = SystemActors.ExpirySweep }).Outcome);
        Assert.Equal(TransitionOutcome.Unchanged, RecordLifecycle.Apply(Stored(t), new ExpiryDue(expires, 1) { Actor = SystemActors.ExpirySweep }).Outcome);
    }

    [Fact]
    public void The_platform_hears_of_objections_only_on_kinds_it_holds()
    {
        var court = Classified(ASubmission.CourtDishonestDebtor().About(Some.Person));
        var stored = Stored(RecordLifecycle.Apply(null, new VersionReceived("court-1", court, "m1", Today) { Actor = "court" }));
        var marked = RecordLifecycle.Apply(stored, new ObjectionOpened("obj_1", "center", Today) { Actor = "center" });

        Assert.Empty(marked.Platform);
        var closed = RecordLifecycle.Apply(Stored(marked),
            new ObjectionDecided("obj_1", new ObjectionDecisionCheck { Problems = [], Outcome = ObjectionOutcome.Upheld, Reason = "x" }, Today) { Actor = "court" });
        Assert.Empty(closed.Platform);
    }
}
