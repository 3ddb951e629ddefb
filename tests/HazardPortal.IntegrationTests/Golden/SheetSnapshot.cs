using System.Globalization;
using System.Text;
using ClosedXML.Excel;

namespace HazardPortal.IntegrationTests.Golden;

/// <summary>
/// A worksheet as reviewable text for a golden file: its page setup, its merged ranges, then every used cell with
/// its type and value, its number format where it has one, and its font where it is not the body's (宋体 11); then the
/// pictures by the cell they sit in.
/// </summary>
public static class SheetSnapshot
{
    public static string Of(IXLWorksheet sheet)
    {
        var text = new StringBuilder();
        var page = sheet.PageSetup;
        text.AppendLine(CultureInfo.InvariantCulture, $"sheet {sheet.Name}");
        text.AppendLine(CultureInfo.InvariantCulture, $"page {page.PaperSize} {page.PageOrientation} fit {page.PagesWide}x{page.PagesTall} repeat rows {page.FirstRowToRepeatAtTop}-{page.LastRowToRepeatAtTop}");
        foreach (var range in sheet.MergedRanges.Select(r => r.RangeAddress.ToStringRelative()).Order(StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"merge {range}");
        }

        foreach (var cell in sheet.CellsUsed(XLCellsUsedOptions.Contents).OrderBy(c => c.Address.RowNumber).ThenBy(c => c.Address.ColumnNumber))
        {
            var value = cell.DataType switch
            {
                XLDataType.Number => "n " + cell.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                XLDataType.DateTime => "d " + cell.GetDateTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                XLDataType.Boolean => "b " + cell.GetBoolean(),
                _ => "s " + cell.GetString().Replace("\n", "\\n", StringComparison.Ordinal),
            };
            var style = new List<string>();
            var format = cell.DataType == XLDataType.DateTime ? cell.Style.DateFormat.Format : cell.Style.NumberFormat.Format;
            if (!string.IsNullOrEmpty(format))
            {
                style.Add("format " + format);
            }

            var font = cell.Style.Font;
            if (font.FontName != "宋体" || Math.Abs(font.FontSize - 11) > 0.01 || font.Bold)
            {
                style.Add($"font {font.FontName} {font.FontSize.ToString(CultureInfo.InvariantCulture)}{(font.Bold ? " bold" : string.Empty)}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"{cell.Address.ToStringRelative()} {value}{(style.Count > 0 ? " [" + string.Join("; ", style) + "]" : string.Empty)}");
        }

        foreach (var picture in sheet.Pictures.OrderBy(p => p.TopLeftCell.Address.RowNumber).ThenBy(p => p.TopLeftCell.Address.ColumnNumber))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"picture {picture.TopLeftCell.Address.ToStringRelative()} {picture.Format} {picture.OriginalWidth}x{picture.OriginalHeight}");
        }

        return text.ToString();
    }
}
