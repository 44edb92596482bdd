using CreditFunctions.App.Trust;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.SourceKeys;
using CreditFunctions.Testing;
using static CreditFunctions.Integration.Tests.Trust.TrustFixtures;

namespace CreditFunctions.Integration.Tests.Trust;

/// <summary>infra/SourceKeys, the development signing side: what `generate` writes, and that `sign` verifies with it.</summary>
public sealed class SourceKeysToolTests
{
    [Fact]
    public void Sign_output_verifies_with_the_keys_generate_wrote()
    {
        using var folder = new TempFolder();
        var example = Path.Combine(RepositoryRoot.Find(), "examples", "admin-penalty.json");

        var (generated, _, _) = Run("generate", "--dir", folder.Path);
        var (signed, jws, errors) = Run("sign", "--dir", folder.Path, example);

        Assert.Equal(0, generated);
        Assert.Equal(0, signed);
        Assert.Contains("SH-HRSS-ENFORCEMENT#dev-1", errors);
        var verifier = new SignedMessageVerifier(new FixedSourceKeys(SourceKeyRegistry.ReadDirectory(folder.Path)), new SenderProofOptions());
        var proof = verifier.Verify(jws.TrimEnd('\n'));
        Assert.Equal(SenderProofOutcome.Verified, proof.Outcome);
        Assert.Equal("SH-HRSS-ENFORCEMENT#dev-1", proof.Kid);
        Assert.Equal(File.ReadAllBytes(example), proof.Payload.ToArray());
    }

    [Fact]
    public void Generate_writes_a_key_pair_per_unit_with_a_private_file_only_its_owner_reads_and_skips_units_that_have_keys()
    {
        using var folder = new TempFolder();

        Assert.Equal(0, Run("generate", "--dir", folder.Path, "--units", "SH-HRSS,court").Code);
        var publicBefore = File.ReadAllText(folder.File("SH-HRSS.jwks.json"));
        var privateBefore = File.ReadAllText(folder.File("SH-HRSS.private.jwk.json"));
        Assert.Equal(0, Run("generate", "--dir", folder.Path, "--units", "SH-HRSS,SH-EMPLOYMENT").Code);

        Assert.Equal(publicBefore, File.ReadAllText(folder.File("SH-HRSS.jwks.json")));
        Assert.Equal(privateBefore, File.ReadAllText(folder.File("SH-HRSS.private.jwk.json")));
        Assert.Equal(
            ["SH-EMPLOYMENT.jwks.json", "SH-EMPLOYMENT.private.jwk.json", "SH-HRSS.jwks.json", "SH-HRSS.private.jwk.json", "court.jwks.json", "court.private.jwk.json"],
            Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.File("court.private.jwk.json")));
        }

        var set = SourceKeyRegistry.ReadDirectory(folder.Path);
        Assert.Equal(["SH-EMPLOYMENT#dev-1", "SH-HRSS#dev-1", "court#dev-1"], set.Keys.Select(k => k.Kid).Order(StringComparer.Ordinal));
        Assert.Contains("\"d\"", privateBefore);
        Assert.DoesNotContain("\"d\"", publicBefore);
    }

    [Fact]
    public void The_default_units_are_the_catalogues_submitting_units()
    {
        var catalogue = CatalogueSet.LoadEmbedded();
        var submitters = catalogue.Versions
            .SelectMany(v => v.Document.DataList.SelectMany(entry => entry.Submitters))
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(submitters, DevKeyFolder.DefaultUnits.Order(StringComparer.Ordinal));
        Assert.Equal(21, DevKeyFolder.DefaultUnits.Count);
    }

    [Fact]
    public void Sign_says_why_it_cannot_sign()
    {
        using var folder = new TempFolder();
        folder.Write("not-json.json", "not json");
        folder.Write("stranger.json", """{"schema":"credit-records/v1","source":"SH-NOBODY","records":[]}""");
        folder.Write("court.json", """{"schema":"credit-records/v1","source":"court","records":[]}""");

        Assert.Equal(3, Run("sign", "--dir", folder.Path, folder.File("not-json.json")).Code);
        var (code, _, errors) = Run("sign", "--dir", folder.Path, folder.File("stranger.json"));
        Assert.Equal(1, code);
        Assert.Contains("no private key for SH-NOBODY", errors);
        Assert.Equal(2, Run("sign", folder.File("court.json")).Code);

        // --generate-missing makes the key of a contract unit that has none, and no other.
        Assert.Equal(0, Run("sign", "--dir", folder.Path, "--generate-missing", folder.File("court.json")).Code);
        Assert.Equal(1, Run("sign", "--dir", folder.Path, "--generate-missing", folder.File("stranger.json")).Code);
        Assert.True(File.Exists(folder.File("court.private.jwk.json")));
        Assert.False(File.Exists(folder.File("SH-NOBODY.private.jwk.json")));
    }

    private static (int Code, string Output, string Errors) Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = SourceKeysCommand.Run(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }
}
