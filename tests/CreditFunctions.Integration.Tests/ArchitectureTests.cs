using System.Text.RegularExpressions;
using CreditFunctions.App.Storage;
using CreditFunctions.Testing;

namespace CreditFunctions.Integration.Tests;

/// <summary>
/// The shape the design fixes, read from the app's source: one class owns each table (nobody else names it, builds
/// its keys or calls it), and every queue message goes through one sender. A change that reaches around an owner
/// fails here, naming the file.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string App = Path.Combine(RepositoryRoot.Find(), "functions", "CreditFunctions.App");

    /// <summary>Each table and the files of its one owner (RecordStore is one partial class over several files).</summary>
    private static readonly Dictionary<string, string[]> Owners = new()
    {
        [TableNames.Records] = ["Storage/Records/RecordStore"],
        [TableNames.RecordLocators] = ["Storage/Records/RecordStore"],
        [TableNames.Objections] = ["Objections/StoredObjection.cs"],
        [TableNames.Repairs] = ["Repairs/StoredRepair.cs"],
        [TableNames.Rejections] = ["Ingestion/RejectionLedger.cs"],
        [TableNames.Idempotency] = ["Storage/MessageLedger.cs"],
        [TableNames.AccessLog] = ["Storage/AccessLogStore.cs"],
        [TableNames.UnitQuality] = ["Storage/UnitQualityStore.cs"],
        [TableNames.Freshness] = ["Storage/SourceFreshnessStore.cs"],
        [TableNames.Watches] = ["Watches/WatchStore"],
    };

    /// <summary>Files that may see the storage clients as a whole: creating tables and queues, probing health, the case table.</summary>
    private static readonly string[] Infrastructure =
        ["Storage/TableNames.cs", "Storage/StorageProvisioner.cs", "Storage/StorageHealth.cs", "Storage/CreditStorage.cs", "Cases/CaseTable.cs"];

    private static IEnumerable<(string File, string Text)> Sources() =>
        Directory.EnumerateFiles(App, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(App, f).Replace('\\', '/'), File.ReadAllText(f)));

    private static bool IsOwner(string file, string table) => Owners[table].Any(o => file.StartsWith(o, StringComparison.Ordinal));

    [Fact]
    public void Every_table_has_one_owner_and_the_list_is_complete()
    {
        Assert.Equal(TableNames.All.Order(), Owners.Keys.Order());
    }

    [Fact]
    public void A_table_is_named_only_by_its_owner()
    {
        var reached = new List<string>();
        foreach (var (file, text) in Sources())
        {
            foreach (Match m in TableName().Matches(text))
            {
                var table = m.Groups[1].Value;
                if (table != "All" && !IsOwner(file, table))
                {
                    reached.Add($"{file} names TableNames.{table}");
                }
            }
        }

        Assert.True(reached.Count == 0, string.Join("\n", reached));
    }

    [Fact]
    public void Only_owners_call_a_table()
    {
        var owners = Owners.Values.SelectMany(o => o).ToHashSet();
        var reached = Sources()
            .Where(s => (s.Text.Contains("GetTableClient(", StringComparison.Ordinal) || s.Text.Contains(".Tables.", StringComparison.Ordinal))
                        && !owners.Any(o => s.File.StartsWith(o, StringComparison.Ordinal)) && !Infrastructure.Contains(s.File))
            .Select(s => s.File)
            .ToList();

        Assert.True(reached.Count == 0, "Only a table's owner calls it: " + string.Join(", ", reached));
    }

    [Fact]
    public void Nobody_but_RecordStore_builds_a_key_of_Records_or_RecordLocators()
    {
        var reached = Sources()
            .Where(s => !s.File.StartsWith("Storage/Records/RecordStore", StringComparison.Ordinal)
                        && (s.Text.Contains("RecordStore.Keys", StringComparison.Ordinal) || RecordKey().IsMatch(s.Text)))
            .Select(s => s.File)
            .ToList();

        Assert.True(reached.Count == 0, "Keys of Records belong to RecordStore: " + string.Join(", ", reached));
    }

    [Fact]
    public void Every_queue_message_goes_through_the_one_sender()
    {
        var senders = Sources()
            .Where(s => s.Text.Contains("SendMessageAsync(", StringComparison.Ordinal) || s.Text.Contains("GetQueueClient(", StringComparison.Ordinal))
            .Select(s => s.File)
            .Where(f => f is not ("Contracts/QueueSender.cs" or "Storage/StorageProvisioner.cs"))
            .ToList();

        Assert.True(senders.Count == 0, "Queue sends outside Contracts/QueueSender.cs: " + string.Join(", ", senders));
    }

    [Fact]
    public void Every_message_contract_lives_in_Contracts()
    {
        var misplaced = Sources()
            .Where(s => SchemaName().IsMatch(s.Text) && !s.File.StartsWith("Contracts/", StringComparison.Ordinal))
            .Select(s => s.File)
            .ToList();

        Assert.True(misplaced.Count == 0, "Message schema names outside Contracts/: " + string.Join(", ", misplaced));
    }

    [GeneratedRegex(@"TableNames\.(\w+)")]
    private static partial Regex TableName();

    /// <summary>The row-key shapes of Records ("s|…|r|", "x|…", "o|…") written as literals.</summary>
    [GeneratedRegex("\\$?\"(s\\|\\{|x\\|\\{|o\\|\\{)")]
    private static partial Regex RecordKey();

    [GeneratedRegex("\"[a-z-]+/v[0-9]+\"")]
    private static partial Regex SchemaName();
}
