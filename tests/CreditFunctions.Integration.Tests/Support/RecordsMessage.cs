using System.Text.Json.Nodes;

namespace CreditFunctions.Integration.Tests.Support;

/// <summary>Builds credit-records/v1 messages (contract) the way an upstream unit would send them.</summary>
public sealed class RecordsMessage
{
    private readonly List<JsonObject> _records = [];

    private RecordsMessage(string source) => Source = source;

    public string Source { get; }

    public string MessageId { get; private set; } = $"msg-{Guid.NewGuid():N}";

    public static RecordsMessage From(string source) => new(source);

    public RecordsMessage WithMessageId(string id)
    {
        MessageId = id;
        return this;
    }

    public RecordsMessage With(params JsonObject[] records)
    {
        _records.AddRange(records);
        return this;
    }

    /// <summary>The message as its source sends it: signed with the source's key (contract v2).</summary>
    public string Json() => CreditFunctions.Testing.TestKeys.SignIfPossible(Envelope());

    /// <summary>The envelope alone, unsigned: the payload of <see cref="Json"/>.</summary>
    public string Envelope() => new JsonObject
    {
        ["schema"] = "credit-records/v1",
        ["messageId"] = MessageId,
        ["source"] = Source,
        ["sentAt"] = "2024-05-06T09:30:00+08:00",
        ["records"] = new JsonArray(_records.Select(r => (JsonNode)r.DeepClone()).ToArray()),
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>A general-procedure administrative penalty (art5.2) against a unit.</summary>
    public static JsonObject AdminPenalty(string unitId, string? sourceRecordId = null, int version = 1, string decisionDate = "2024-04-30") => new()
    {
        ["sourceRecordId"] = sourceRecordId ?? $"AP-{Guid.NewGuid():N}",
        ["version"] = version,
        ["action"] = "upsert",
        ["kind"] = "admin-penalty",
        ["subject"] = new JsonObject { ["type"] = "unit", ["id"] = unitId, ["name"] = "上海某某建筑工程有限公司" },
        ["decisionDate"] = decisionDate,
        ["decisionNumber"] = "沪人社监罚〔2024〕123号",
        ["severity"] = "general",
        ["procedure"] = "general",
        ["minorViolation"] = false,
        ["harmMitigated"] = false,
        ["summary"] = "未按规定支付劳动者工资",
    };
}
