namespace CreditFunctions.App.Ingestion;

/// <summary>
/// Why a message or one record of it was not accepted: a stable kebab-case code (contract: "What happens to bad
/// input") and a sentence in Chinese and English for the people at the sending unit.
/// </summary>
public sealed record IngestRejection(string Code, string Zh, string En, string? Field = null)
{
    public static IngestRejection InvalidJson(string detail) => new(
        "invalid-json", $"消息不是有效的 JSON：{detail}", $"The message is not valid JSON: {detail}");

    public static IngestRejection UnknownSchema(string? schema) => new(
        "unknown-schema",
        $"不支持的消息格式“{Trim(schema)}”，应为 credit-records/v1 或 subject-profile/v1。",
        $"Unsupported message schema '{Trim(schema)}'; expected credit-records/v1 or subject-profile/v1.",
        "schema");

    public static IngestRejection MissingField(string field) => new(
        "missing-field", $"缺少必填字段“{field}”。", $"The required field '{field}' is missing.", field);

    public static IngestRejection InvalidField(string field, string expected) => new(
        "invalid-field", $"字段“{field}”的值无效，应为{expected}。", $"The field '{field}' is invalid; expected {expected}.", field);

    public static IngestRejection TooManyRecords(int count, int max) => new(
        "too-many-records",
        $"一条消息最多包含 {max} 条记录，本消息有 {count} 条；请分开发送，或使用 recordsBlob。",
        $"A message holds at most {max} records; this one has {count}. Split it, or send a recordsBlob.",
        "records");

    public static IngestRejection MessageTooLarge(int bytes, int max) => new(
        "message-too-large",
        $"消息大小 {bytes} 字节，超过队列消息上限 {max} 字节。",
        $"The message is {bytes} bytes, over the queue message limit of {max} bytes.");

    /// <summary>A second record of one identity in the same message (contract v2): the first is taken.</summary>
    public static IngestRejection DuplicateInMessage(string sourceRecordId, int firstIndex) => new(
        "duplicate-in-message",
        $"同一消息中第 {firstIndex} 条记录已使用 sourceRecordId“{Trim(sourceRecordId)}”；只采用第一条，本条未处理。",
        $"The record at index {firstIndex} of this message already has sourceRecordId '{Trim(sourceRecordId)}'; only the first is taken, this one was not applied.",
        "sourceRecordId");

    private static string Trim(string? value) =>
        value is null ? "(none)" : value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 60), "…");
}
