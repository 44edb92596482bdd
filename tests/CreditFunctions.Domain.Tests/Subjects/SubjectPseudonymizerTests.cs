using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CreditFunctions.Domain.Subjects;
using CsCheck;
using static CreditFunctions.Domain.Tests.Subjects.SubjectCodes;

namespace CreditFunctions.Domain.Tests.Subjects;

public class SubjectPseudonymizerTests
{
    private const string TestKey = "test-only-key-0123456789abcdef";

    private static readonly SubjectId Individual = new(SubjectType.Individual, "11010519491231002X");

    [Fact]
    public void An_individual_is_keyed_by_the_truncated_HMAC_SHA256_of_the_ID_number()
    {
        var expected = "i-" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestKey), Encoding.ASCII.GetBytes(Individual.Value)))[..32];
        Assert.Equal(expected, new SubjectPseudonymizer(TestKey).KeyFor(Individual));
    }

    [Fact]
    public void A_unit_is_keyed_by_its_USCC()
    {
        var unit = new SubjectId(SubjectType.Unit, "91310110666007217T");
        Assert.Equal("91310110666007217T", new SubjectPseudonymizer(TestKey).KeyFor(unit));
    }

    [Fact]
    public void A_unit_stored_before_the_organization_code_was_checked_keeps_its_key()
    {
        // Accepted when only the last character was checked (06360837 would need 1 at position 17): still a safe key.
        const string earlier = "913100000636083772";
        Assert.False(SubjectId.TryParse(earlier, SubjectType.Unit, SubjectCodes.Today, out _, out _));
        Assert.Equal(earlier, new SubjectPseudonymizer(TestKey).KeyFor(new SubjectId(SubjectType.Unit, earlier)));
    }

    [Fact]
    public void The_pseudonym_is_the_same_for_the_same_key_and_differs_across_keys()
    {
        var key = new byte[32];
        var otherKey = new byte[32];
        otherKey[^1] = 1;
        IdNumber.Sample(number =>
        {
            var id = new SubjectId(SubjectType.Individual, number);
            var first = new SubjectPseudonymizer(key).KeyFor(id);
            Assert.Equal(first, new SubjectPseudonymizer((byte[])key.Clone()).KeyFor(id));
            Assert.NotEqual(first, new SubjectPseudonymizer(otherKey).KeyFor(id));
            Assert.DoesNotContain(number, first, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Pseudonyms_are_safe_as_a_table_partition_key()
    {
        var pseudonymizer = new SubjectPseudonymizer(TestKey);
        var safe = new Regex("^i-[0-9a-f]{32}$");
        IdNumber.Sample(number =>
            safe.IsMatch(pseudonymizer.KeyFor(new SubjectId(SubjectType.Individual, number))));
    }

    [Fact]
    public void Changing_the_caller_s_key_array_afterwards_changes_nothing()
    {
        var key = Encoding.UTF8.GetBytes(TestKey);
        var pseudonymizer = new SubjectPseudonymizer(key);
        var before = pseudonymizer.KeyFor(Individual);
        key[0] ^= 0xFF;
        Assert.Equal(before, pseudonymizer.KeyFor(Individual));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fifteen-bytes!!")]
    public void A_key_that_is_empty_or_shorter_than_16_bytes_is_refused(string key)
    {
        Assert.Throws<ArgumentException>(() => new SubjectPseudonymizer(key));
        Assert.Throws<ArgumentException>(() => new SubjectPseudonymizer(Encoding.UTF8.GetBytes(key)));
    }

    [Fact]
    public void A_hand_made_identifier_that_could_corrupt_a_table_key_is_refused()
    {
        var pseudonymizer = new SubjectPseudonymizer(TestKey);
        Assert.Throws<ArgumentException>(() => pseudonymizer.KeyFor(new SubjectId(SubjectType.Unit, "9131011066600721/T")));
        Assert.Throws<ArgumentException>(() => pseudonymizer.KeyFor(new SubjectId(SubjectType.Individual, "abc")));
        Assert.Throws<ArgumentException>(() => pseudonymizer.KeyFor(default));
    }
}
