using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;

namespace HazardPortal.Web.Components.Shared;

/// <summary>
/// Read-only page sections (tables of links, charts) built once as one markup string. A circuit keeps every
/// rendered element, attribute and text of its components as render-tree frames, twice (current and previous
/// render); a 20-row table of links is hundreds of frames, the same table as markup is one. Dashboards that sit
/// open all day use this for everything that has no event handler (ADR 0012).
/// </summary>
public sealed class StaticHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder sb = new();

    public static string Encode(string? text) => text is null ? string.Empty : Encoder.Encode(text);

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Appends markup as is (only literals and already encoded text).</summary>
    public StaticHtml Raw(string markup)
    {
        sb.Append(markup);
        return this;
    }

    /// <summary>Appends encoded text.</summary>
    public StaticHtml Text(string? text)
    {
        sb.Append(Encode(text));
        return this;
    }

    /// <summary>Appends an element with encoded text and attributes (pairs of name and unencoded value; null values are left out).</summary>
    public StaticHtml Element(string tag, string? text, params (string Name, string? Value)[] attributes)
    {
        sb.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                sb.Append(' ').Append(name).Append("=\"").Append(Encode(value)).Append('"');
            }
        }

        sb.Append('>').Append(Encode(text)).Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A table cell holding a link (or plain text without one).</summary>
    public StaticHtml LinkCell(string? text, string? href, string? cssClass = null, string? testId = null)
    {
        sb.Append("<td").Append(cssClass is null ? string.Empty : $" class=\"{cssClass}\"").Append('>');
        if (href is null)
        {
            sb.Append(Encode(text));
        }
        else
        {
            Element("a", text, ("href", href), ("data-testid", testId));
        }

        sb.Append("</td>");
        return this;
    }

    public MarkupString ToMarkup() => new(sb.ToString());

    public override string ToString() => sb.ToString();
}
