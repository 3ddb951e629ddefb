using HazardPortal.Core.Common;

namespace HazardPortal.Web.Components.Shared;

/// <summary>
/// A refused command's messages as a page shows them: each FluentValidation (or domain) failure at its
/// field — <c>Error="@errors.Has("title")" ErrorText="@errors.For("title")"</c> — and one summary line for
/// <see cref="ErrorList"/> above the save button. Field names match the API's camelCase paths
/// (<c>plan.funds</c>); dots and case are ignored when matching, as the handlers write them either way.
/// </summary>
public sealed class FieldErrors
{
    private IReadOnlyDictionary<string, string[]> fields = new Dictionary<string, string[]>();

    /// <summary>What <see cref="ErrorList"/> shows: the summary of a refusal, or nothing.</summary>
    public IReadOnlyList<string> Summary { get; private set; } = [];

    public int Count => fields.Count;

    public IEnumerable<string> Fields => fields.Keys;

    /// <summary>Shows a refusal: field failures at their fields with a count above, anything else as it came.</summary>
    public void Show(Error error)
    {
        fields = error.Fields ?? new Dictionary<string, string[]>();
        Summary = fields.Count > 0
            ? [$"有 {fields.Count} 项需要修改（已在栏目处标红）：" + string.Join("；", fields.SelectMany(f => f.Value))]
            : error.Messages.ToList();
    }

    /// <summary>Shows messages that belong to no field (a failed upload, a conflict).</summary>
    public void Show(IEnumerable<string> messages)
    {
        fields = new Dictionary<string, string[]>();
        Summary = messages.ToList();
    }

    public void Clear()
    {
        fields = new Dictionary<string, string[]>();
        Summary = [];
    }

    public string? For(string field)
    {
        var key = Normalise(field);
        var hit = fields.FirstOrDefault(f => Normalise(f.Key) == key);
        return hit.Value is { Length: > 0 } messages ? string.Join("；", messages) : null;
    }

    public bool Has(string field) => For(field) is not null;

    private static string Normalise(string field) => field.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();
}
