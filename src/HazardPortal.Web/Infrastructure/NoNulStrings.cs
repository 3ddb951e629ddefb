using System.Text.Json;
using System.Text.Json.Serialization;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// PostgreSQL text cannot hold U+0000, so a string carrying it would reach the database and fail there (a 500,
/// found by the fuzz suite). Every JSON string the API reads is refused with 400 at the edge instead; query strings
/// get the same rule in <see cref="RejectNulInQuery"/>.
/// </summary>
public sealed class NoNulStrings : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("字符串中不能含有空字符（U+0000）")
            : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>A query string with an encoded NUL (%00) is refused with 400 before any endpoint reads it.</summary>
    public static IApplicationBuilder RejectNulInQuery(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
                || context.Request.Query.Any(q => q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)))
            {
                await Results.Problem(title: "查询参数中不能含有空字符（U+0000）", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}
