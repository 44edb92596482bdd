using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace CreditFunctions.Rekey;

/// <summary>Where one pseudonym key comes from: a value, a file, or a Key Vault secret version.</summary>
public abstract record KeySource(string Side)
{
    /// <summary>How the report names it: never the key itself.</summary>
    public abstract string Describe();

    public sealed record Value(string Side, string Text) : KeySource(Side)
    {
        public override string Describe() => "value given on the command line";
    }

    public sealed record File(string Side, string Path) : KeySource(Side)
    {
        public override string Describe() => $"file {Path}";
    }

    public sealed record Secret(string Side, Uri Uri) : KeySource(Side)
    {
        public override string Describe() => $"Key Vault secret {Uri}";
    }
}

/// <summary>Reads a Key Vault secret; the tests put their own in its place.</summary>
public delegate Task<string> SecretReader(Uri secretUri, CancellationToken cancellationToken);

/// <summary>Turns a <see cref="KeySource"/> into the key's text, exactly as the app would get it in <c>Pseudonym__Key</c>.</summary>
public static class KeyLoader
{
    public static async Task<string> LoadAsync(KeySource source, SecretReader readSecret, CancellationToken cancellationToken)
    {
        string text;
        switch (source)
        {
            case KeySource.Value v:
                text = v.Text;
                break;
            case KeySource.File f:
                try
                {
                    // A file written by `echo` or `openssl rand -base64 32 > file` ends with a line break that is not part of the key.
                    text = (await System.IO.File.ReadAllTextAsync(f.Path, cancellationToken)).TrimEnd('\r', '\n');
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new RekeyFailure(RekeyFailure.Codes.KeyUnreadable,
                        $"无法读取{Side(source)}密钥文件 {f.Path}：{e.Message}",
                        $"cannot read the {source.Side} key file {f.Path}: {e.Message}", RekeyFailure.Usage);
                }

                break;
            case KeySource.Secret s:
                try
                {
                    text = await readSecret(s.Uri, cancellationToken);
                }
                catch (Exception e) when (e is Azure.RequestFailedException or AuthenticationFailedException or CredentialUnavailableException)
                {
                    throw new RekeyFailure(RekeyFailure.Codes.KeyUnreadable,
                        $"无法从 Key Vault 读取{Side(source)}密钥 {s.Uri}：{e.Message}",
                        $"cannot read the {source.Side} key from Key Vault, {s.Uri}: {e.Message}", RekeyFailure.Failed);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(source));
        }

        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        if (bytes < Domain.Subjects.SubjectPseudonymizer.MinimumKeyBytes)
        {
            throw new RekeyFailure(RekeyFailure.Codes.KeyTooShort,
                $"{Side(source)}密钥（{source.Describe()}）只有 {bytes} 字节，至少需要 {Domain.Subjects.SubjectPseudonymizer.MinimumKeyBytes} 字节",
                $"the {source.Side} key ({source.Describe()}) has {bytes} bytes; at least {Domain.Subjects.SubjectPseudonymizer.MinimumKeyBytes} are required",
                RekeyFailure.Usage);
        }

        return text;
    }

    /// <summary>
    /// The secret's value with the operator's own sign-in (az login, environment, or a managed identity): the vault's
    /// cloud is told by its host, so a vault in Azure China signs in at the China login host.
    /// </summary>
    public static async Task<string> ReadKeyVaultSecretAsync(Uri secretUri, CancellationToken cancellationToken)
    {
        var id = new KeyVaultSecretIdentifier(secretUri);
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            AuthorityHost = id.VaultUri.Host.EndsWith(".vault.azure.cn", StringComparison.OrdinalIgnoreCase)
                ? AzureAuthorityHosts.AzureChina
                : AzureAuthorityHosts.AzurePublicCloud,
            ManagedIdentityClientId = Environment.GetEnvironmentVariable("AZURE_CLIENT_ID"),
        });
        var client = new SecretClient(id.VaultUri, credential);
        var secret = await client.GetSecretAsync(id.Name, id.Version, cancellationToken);
        return secret.Value.Value;
    }

    private static string Side(KeySource source) => source.Side == "old" ? "旧" : "新";
}
