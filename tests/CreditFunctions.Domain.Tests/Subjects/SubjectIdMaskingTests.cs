using CreditFunctions.Domain.Subjects;
using CsCheck;
using static CreditFunctions.Domain.Tests.Subjects.SubjectCodes;

namespace CreditFunctions.Domain.Tests.Subjects;

public class SubjectIdMaskingTests
{
    [Fact]
    public void An_individual_is_shown_with_the_first_6_and_last_4_characters_only()
    {
        var id = new SubjectId(SubjectType.Individual, "11010519491231002X");
        Assert.Equal("110105********002X", id.Masked);
    }

    [Fact]
    public void A_unit_is_shown_as_it_is()
    {
        var id = new SubjectId(SubjectType.Unit, "91310110666007217T");
        Assert.Equal("91310110666007217T", id.Masked);
    }

    [Fact]
    public void Masking_never_reveals_the_middle_8_characters()
    {
        IdNumber.Sample(number =>
        {
            Assert.True(SubjectId.TryParse(number, SubjectType.Individual, Today, out var id, out _));
            var masked = id.Masked;
            Assert.Equal(18, masked.Length);
            Assert.Equal("********", masked.Substring(6, 8));
            Assert.Equal(number[..6], masked[..6]);
            Assert.Equal(number[^4..], masked[^4..]);
        });
    }

    [Fact]
    public void A_hand_made_individual_of_another_length_is_masked_entirely()
    {
        Assert.Equal("*****", new SubjectId(SubjectType.Individual, "12345").Masked);
        Assert.Equal(string.Empty, default(SubjectId).Masked);
    }

    [Fact]
    public void An_individual_is_never_printed_in_clear()
    {
        var id = new SubjectId(SubjectType.Individual, "11010519491231002X");
        Assert.DoesNotContain("11010519491231002X", id.ToString(), StringComparison.Ordinal);
    }
}
