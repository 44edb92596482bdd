using System.Text.Json.Nodes;

namespace CreditFunctions.Bench;

/// <summary>The signed <c>credit-records/v1</c> messages the benches send: current admin penalties of units.</summary>
internal static class BenchMessages
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A general admin penalty of <paramref name="unit"/>, decided on <paramref name="decisionDate"/> (listed: a look-up names measures).</summary>
    public static JsonObject AdminPenalty(string sourceRecordId, string unit, string decisionDate) => new()
    {
        ["sourceRecordId"] = sourceRecordId,
        ["version"] = 1,
        ["action"] = "upsert",
        ["kind"] = "admin-penalty",
        ["subject"] = new JsonObject { ["type"] = "unit", ["id"] = unit, ["name"] = "上海某某建筑工程有限公司" },
        ["decisionDate"] = decisionDate,
        ["decisionNumber"] = "沪人社监罚〔2025〕123号",
        ["severity"] = "general",
        ["procedure"] = "general",
        ["minorViolation"] = false,
        ["harmMitigated"] = false,
        ["summary"] = "未按规定支付劳动者工资",
    };

    /// <summary>The envelope around <paramref name="records"/>, signed with its source's development key as infra/send does.</summary>
    public static string Signed(string source, string messageId, DateTimeOffset sentAt, JsonArray records) =>
        CreditFunctions.Testing.TestKeys.Sign(new JsonObject
        {
            ["schema"] = "credit-records/v1",
            ["messageId"] = messageId,
            ["source"] = source,
            ["sentAt"] = sentAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["records"] = records,
        }.ToJsonString(Relaxed));
}
