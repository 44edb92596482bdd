using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Tests.Builders;

namespace CreditFunctions.Domain.Tests.Objections;

/// <summary>art10: who may object, to which record, with what; one open objection per record.</summary>
public class ObjectionFilingTests
{
    private static readonly DateOnly Today = Some.Date("2024-05-10");
    private static readonly CreditRecord Penalty = ARecord.AdminPenalty().For(Some.Unit).DecidedOn("2024-04-30");

    private static ObjectionFilingCheck File(ObjectionFiler? filer, ObjectionRequest request, CreditRecord? record = null, bool open = false) =>
        ObjectionPolicy.CheckFiling(filer, request, record ?? Penalty, open, Today);

    private static ObjectionFiler TheSubject => ObjectionFiler.TheSubject(Some.Unit);

    private static string[] Codes(ObjectionFilingCheck check) => check.Problems.Select(p => p.Code).ToArray();

    [Fact]
    public void Art10_the_subject_objects_to_its_own_record()
    {
        var check = File(TheSubject, AnObjection.To(Penalty).Because("  处罚决定已被撤销。  "));
        Assert.True(check.IsAccepted);
        Assert.Equal("处罚决定已被撤销。", check.Reason);
    }

    [Fact]
    public void Art10_the_credit_center_objects_for_a_subject()
    {
        Assert.True(File(ObjectionFiler.CreditCenter, AnObjection.To(Penalty)).IsAccepted);
    }

    [Fact]
    public void Art10_a_subject_may_not_object_for_another_subject()
    {
        var check = File(ObjectionFiler.TheSubject(Some.OtherUnit), AnObjection.To(Penalty));
        Assert.Equal([ObjectionCodes.NotOwnSubject], Codes(check));
        Assert.Equal(ObjectionProblemKind.Forbidden, check.Problems[0].Kind);
    }

    [Fact]
    public void Art10_nobody_else_may_object()
    {
        var partner = ObjectionFiler.FromCaller(["partner"], null, null);
        var unit = ObjectionFiler.FromCaller(["unit"], "SH-HRSS-ENFORCEMENT", null);
        Assert.Null(partner);
        Assert.Null(unit);
        var check = File(partner, AnObjection.To(Penalty));
        Assert.Equal([ObjectionCodes.NotAllowedToObject], Codes(check));
        Assert.Equal(ObjectionProblemKind.Forbidden, check.Problems[0].Kind);
    }

    [Fact]
    public void The_caller_roles_name_the_filer()
    {
        Assert.Equal(ObjectionFiler.CreditCenter, ObjectionFiler.FromCaller(["center"], null, null));
        Assert.Equal(ObjectionFiler.CreditCenter, ObjectionFiler.FromCaller(["unit"], "SH-CREDIT-CENTER", null));
        Assert.Equal(ObjectionFiler.TheSubject(Some.Person), ObjectionFiler.FromCaller(["subject"], null, Some.Person));
        Assert.Null(ObjectionFiler.FromCaller(["subject"], null, null));
    }

    [Fact]
    public void A_record_of_another_subject_is_not_found_so_its_existence_is_not_revealed()
    {
        CreditRecord others = ARecord.AdminPenalty().For(Some.OtherUnit);
        var check = File(TheSubject, AnObjection.To(others).About(Some.Unit), others);
        Assert.Equal([ObjectionCodes.RecordNotFound], Codes(check));
        Assert.Equal(ObjectionProblemKind.NotFound, check.Problems[0].Kind);
    }

    [Fact]
    public void An_unknown_record_is_not_found()
    {
        var check = ObjectionPolicy.CheckFiling(TheSubject, AnObjection.To(Penalty), null, false, Today);
        Assert.Equal([ObjectionCodes.RecordNotFound], Codes(check));
    }

    [Fact]
    public void A_reason_is_required()
    {
        Assert.Equal([ObjectionCodes.ReasonRequired], Codes(File(TheSubject, AnObjection.To(Penalty).Because(null))));
        Assert.Equal([ObjectionCodes.ReasonRequired], Codes(File(TheSubject, AnObjection.To(Penalty).Because(" \n\t "))));
    }

    [Fact]
    public void A_reason_has_at_most_2000_characters_after_trimming()
    {
        Assert.True(File(TheSubject, AnObjection.To(Penalty).Because("  " + new string('异', 2000) + "  ")).IsAccepted);
        Assert.Equal([ObjectionCodes.ReasonTooLong], Codes(File(TheSubject, AnObjection.To(Penalty).Because(new string('异', 2001)))));
    }

    [Fact]
    public void A_character_outside_the_basic_plane_counts_as_one()
    {
        var reason = string.Concat(Enumerable.Repeat("𠀀", 2000)); // CJK Extension B: two UTF-16 units each
        Assert.True(File(TheSubject, AnObjection.To(Penalty).Because(reason)).IsAccepted);
    }

    [Fact]
    public void Evidence_is_optional_with_at_most_20_references_of_at_most_500_characters()
    {
        Assert.True(File(TheSubject, AnObjection.To(Penalty)).IsAccepted);
        var twenty = Enumerable.Range(1, 20).Select(i => $"复议决定书-{i}.pdf").ToArray();
        Assert.True(File(TheSubject, AnObjection.To(Penalty).WithEvidence(twenty)).IsAccepted);
        Assert.True(File(TheSubject, AnObjection.To(Penalty).WithEvidence(new string('a', 500))).IsAccepted);

        Assert.Equal([ObjectionCodes.EvidenceTooMany], Codes(File(TheSubject, AnObjection.To(Penalty).WithEvidence([.. twenty, "one-more.pdf"]))));
        var tooLong = File(TheSubject, AnObjection.To(Penalty).WithEvidence("ok.pdf", new string('a', 501)));
        Assert.Equal([ObjectionCodes.EvidenceItemTooLong], Codes(tooLong));
        Assert.Equal("evidence[1]", tooLong.Problems[0].Field);
        Assert.Equal([ObjectionCodes.EvidenceItemEmpty], Codes(File(TheSubject, AnObjection.To(Penalty).WithEvidence("  "))));
    }

    [Fact]
    public void Evidence_references_are_trimmed()
    {
        var check = File(TheSubject, AnObjection.To(Penalty).WithEvidence("  a.pdf ", "b.pdf"));
        Assert.Equal(["a.pdf", "b.pdf"], check.Evidence);
    }

    [Fact]
    public void One_open_objection_per_record()
    {
        var check = File(TheSubject, AnObjection.To(Penalty), open: true);
        Assert.Equal([ObjectionCodes.ObjectionAlreadyOpen], Codes(check));
        Assert.Equal(ObjectionProblemKind.Conflict, check.Problems[0].Kind);
    }

    [Fact]
    public void A_record_marked_under_objection_has_an_open_objection()
    {
        var marked = ObjectionPolicy.MarkUnderObjection(Penalty);
        Assert.True(marked.UnderObjection);
        Assert.Equal([ObjectionCodes.ObjectionAlreadyOpen], Codes(File(TheSubject, AnObjection.To(marked), marked)));
    }

    public static TheoryData<string, CreditRecord> RecordsNotShown => new()
    {
        { "excluded (art5.2)", ARecord.AdminPenalty().Excluded().DecidedOn("2024-04-30") },
        { "revoked", ARecord.AdminPenalty().DecidedOn("2024-04-30").InState(RecordState.Revoked, "2024-05-06") },
        { "repaired", ARecord.AdminPenalty().DecidedOn("2024-04-30").InState(RecordState.Repaired, "2024-05-06") },
        { "withdrawn", ARecord.AdminPenalty().DecidedOn("2024-04-30").InState(RecordState.Withdrawn, "2024-05-06") },
        { "expired", ARecord.AdminPenalty().DecidedOn("2021-03-01").ExpiresOn(Some.Date("2024-03-01")) },
    };

    [Theory]
    [MemberData(nameof(RecordsNotShown))]
    public void A_record_no_longer_shown_cannot_be_objected_to(string why, CreditRecord record)
    {
        var check = File(TheSubject, AnObjection.To(record), record);
        Assert.True(check.Problems is [{ Code: ObjectionCodes.RecordNotShown, Kind: ObjectionProblemKind.RecordNotObjectable }], why);
    }

    [Fact]
    public void Art9_2_a_court_listing_is_objected_to_at_the_court()
    {
        CreditRecord court = ARecord.CourtDishonestDebtor().For(Some.Unit).DecidedOn("2024-03-01");
        Assert.Equal([ObjectionCodes.ObjectionToCourt], Codes(File(TheSubject, AnObjection.To(court), court)));
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var revoked = ARecord.AdminPenalty().DecidedOn("2024-04-30").InState(RecordState.Revoked, "2024-05-06").Build();
        var check = File(TheSubject, AnObjection.To(revoked).Because("").WithEvidence(new string('a', 501)), revoked, open: true);
        Assert.Equal(
            [ObjectionCodes.RecordNotShown, ObjectionCodes.ReasonRequired, ObjectionCodes.EvidenceItemTooLong, ObjectionCodes.ObjectionAlreadyOpen],
            Codes(check));
        Assert.Null(check.Reason);
    }

    [Fact]
    public void Every_problem_is_said_in_Chinese_and_English()
    {
        var revoked = ARecord.AdminPenalty().DecidedOn("2024-04-30").InState(RecordState.Revoked, "2024-05-06").Build();
        var check = File(TheSubject, AnObjection.To(revoked).Because("").WithEvidence(new string('a', 501), ""), revoked, open: true);
        Assert.NotEmpty(check.Problems);
        Assert.All(check.Problems, p =>
        {
            Assert.Contains(p.Zh, c => c >= '\u4e00' && c <= '\u9fff');
            Assert.Matches("^[A-Z]", p.En);
        });
    }
}
