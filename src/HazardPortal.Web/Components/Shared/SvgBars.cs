using System.Globalization;
using System.Text;

namespace HazardPortal.Web.Components.Shared;

/// <summary>
/// A grouped bar chart drawn on the server as one SVG string (see <see cref="StaticHtml"/>): categories along
/// the bottom, one bar per series, a value axis with round gridlines, a legend, and a tooltip (title) on every
/// bar. Scales with its container through the view box.
/// </summary>
public static class SvgBars
{
    public sealed record Series(string Name, string Color, IReadOnlyList<decimal> Values);

    public const string Primary = "#3f51b5";
    public const string Secondary = "#ba68c8";
    public const string Alert = "#e53935";

    public static string Render(IReadOnlyList<string> categories, IReadOnlyList<Series> series, string testId, int height = 260)
    {
        const int left = 44, right = 12, top = 12, bottom = 58;
        var width = Math.Max(480, categories.Count * (series.Count * 18 + 22) + left + right);
        var max = series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        var step = NiceStep((double)max / 4);
        var top_ = Math.Max(step * 4, step * Math.Ceiling((double)max / step));
        var plotH = height - top - bottom;
        var slot = (double)(width - left - right) / Math.Max(1, categories.Count);
        var bar = Math.Min(28, (slot - 10) / Math.Max(1, series.Count));
        var s = new StringBuilder();
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        // On a phone the chart keeps its drawn size (labels stay legible) and scrolls sideways in its wrapper.
        s.Append(CultureInfo.InvariantCulture, $"<div class=\"hp-svgchart-wrap\"><svg class=\"hp-svgchart\" style=\"--hp-chart-width:{width}px\" viewBox=\"0 0 {width} {height}\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\" data-testid=\"{testId}\">");
        for (var v = 0d; v <= top_ + 0.001; v += step)
        {
            var y = top + plotH - v / top_ * plotH;
            s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" class=\"hp-svgchart-grid\"/>");
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" class=\"hp-svgchart-label\">{F(v)}</text>");
        }

        for (var i = 0; i < categories.Count; i++)
        {
            var x0 = left + slot * i + (slot - bar * series.Count) / 2;
            for (var j = 0; j < series.Count; j++)
            {
                var value = (double)series[j].Values[i];
                var h = top_ == 0 ? 0 : value / top_ * plotH;
                s.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{F(x0 + bar * j)}\" y=\"{F(top + plotH - h)}\" width=\"{F(bar - 2)}\" height=\"{F(h)}\" fill=\"{series[j].Color}\"><title>{StaticHtml.Encode(categories[i])} {StaticHtml.Encode(series[j].Name)}：{F(value)}</title></rect>");
            }

            var label = categories[i].Length > 7 ? categories[i][..7] + "…" : categories[i];
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + slot * i + slot / 2)}\" y=\"{top + plotH + 16}\" text-anchor=\"middle\" class=\"hp-svgchart-label\">{StaticHtml.Encode(label)}</text>");
        }

        var lx = left;
        foreach (var one in series)
        {
            s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{height - 18}\" width=\"12\" height=\"12\" fill=\"{one.Color}\"/><text x=\"{lx + 16}\" y=\"{height - 8}\" class=\"hp-svgchart-label\">{StaticHtml.Encode(one.Name)}</text>");
            lx += 24 + one.Name.Length * 13;
        }

        return s.Append("</svg></div>").ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten, at least the raw step (and at least 1: counts are whole).</summary>
    private static double NiceStep(double raw)
    {
        if (raw <= 1)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }
}
