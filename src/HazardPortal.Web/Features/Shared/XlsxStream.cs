using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace HazardPortal.Web.Features.Shared;

/// <summary>
/// A list export of any length: rows are written one at a time (OpenXML's forward-only writer) into a temporary file
/// that is sent and then deleted, so memory stays flat however many rows there are and no export stops at a row limit.
/// The sheet is A4, fit to the page's width, with the title row merged, bold headers repeated on every printed page,
/// thin borders, numbers as numbers and days as dates, in a CJK font.
/// </summary>
public static class XlsxStream
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record Column(string Header, double Width);

    private const uint TitleStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint TextStyle = 3;
    private const uint NumberStyle = 4;
    private const uint DateStyle = 5;

    /// <summary>Writes the sheet and returns it as a readable stream (a temporary file deleted when the stream closes).</summary>
    public static async Task<Stream> WriteAsync(string sheetName, string title, IReadOnlyList<Column> columns, IAsyncEnumerable<object?[]> rows, bool landscape, CancellationToken ct = default)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hp-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
            {
                var book = document.AddWorkbookPart();
                book.Workbook = new Workbook();
                book.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
                var part = book.AddNewPart<WorksheetPart>();
                var last = ColumnName(columns.Count);
                using (var writer = OpenXmlWriter.Create(part))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
                    writer.WriteElement(new SheetViews(new SheetView(new Pane
                    {
                        VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                    }) { WorkbookViewId = 0 }));
                    writer.WriteStartElement(new Columns());
                    for (var i = 0; i < columns.Count; i++)
                    {
                        writer.WriteElement(new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = columns[i].Width, CustomWidth = true });
                    }

                    writer.WriteEndElement();
                    writer.WriteStartElement(new SheetData());
                    WriteRow(writer, 1, [title], TitleStyle, 24);
                    WriteRow(writer, 2, columns.Select(c => (object?)c.Header).ToArray(), HeaderStyle, null);
                    uint r = 3;
                    await foreach (var row in rows.WithCancellation(ct))
                    {
                        WriteRow(writer, r++, row, null, null);
                    }

                    writer.WriteEndElement(); // sheetData
                    writer.WriteElement(new MergeCells(new MergeCell { Reference = $"A1:{last}1" }) { Count = 1 });
                    writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
                    writer.WriteElement(new PageSetup
                    {
                        PaperSize = 9, Orientation = landscape ? OrientationValues.Landscape : OrientationValues.Portrait, FitToWidth = 1, FitToHeight = 0,
                    });
                    writer.WriteEndElement(); // worksheet
                }

                var name = new string(sheetName.Where(c => !"[]:*?/\\'".Contains(c)).ToArray());
                name = name.Length > 31 ? name[..31] : name;
                book.Workbook.AppendChild(new Sheets(new Sheet { Id = book.GetIdOfPart(part), SheetId = 1, Name = name }));
                book.Workbook.AppendChild(new DefinedNames(new DefinedName($"'{name}'!$2:$2") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));
                book.Workbook.Save();
            }

            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private static void WriteRow(OpenXmlWriter writer, uint index, object?[] values, uint? style, double? height)
    {
        var row = new Row { RowIndex = index };
        if (height is { } h)
        {
            row.Height = h;
            row.CustomHeight = true;
        }

        writer.WriteStartElement(row);
        for (var c = 0; c < values.Length; c++)
        {
            var reference = ColumnName(c + 1) + index.ToString(CultureInfo.InvariantCulture);
            var cell = values[c] switch
            {
                null => new Cell { CellReference = reference, StyleIndex = style ?? TextStyle },
                int n => Number(reference, n.ToString(CultureInfo.InvariantCulture), style),
                long n => Number(reference, n.ToString(CultureInfo.InvariantCulture), style),
                decimal d => Number(reference, d.ToString(CultureInfo.InvariantCulture), style),
                double d => Number(reference, d.ToString("R", CultureInfo.InvariantCulture), style),
                bool b => Text(reference, b ? "是" : "否", style),
                DateOnly day => new Cell
                {
                    CellReference = reference, StyleIndex = style ?? DateStyle,
                    CellValue = new CellValue(day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)),
                },
                var other => Text(reference, Convert.ToString(other, CultureInfo.InvariantCulture) ?? string.Empty, style),
            };
            writer.WriteElement(cell);
        }

        writer.WriteEndElement();
    }

    private static Cell Number(string reference, string value, uint? style) =>
        new() { CellReference = reference, StyleIndex = style ?? NumberStyle, DataType = CellValues.Number, CellValue = new CellValue(value) };

    /// <summary>An inline string (no shared-string table to hold in memory), cut to Excel's 32,767 characters.</summary>
    private static Cell Text(string reference, string text, uint? style) =>
        new(new InlineString(new Text(text.Length > 32000 ? text[..32000] + "…" : text) { Space = SpaceProcessingModeValues.Preserve }))
        {
            CellReference = reference, StyleIndex = style ?? TextStyle, DataType = CellValues.InlineString,
        };

    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }

    private static Stylesheet Styles()
    {
        Font Font(double size, bool bold, string name = PrintSetup.BodyFont) => bold
            ? new Font(new Bold(), new FontSize { Val = size }, new FontName { Val = name }, new FontCharSet { Val = 134 })
            : new Font(new FontSize { Val = size }, new FontName { Val = name }, new FontCharSet { Val = 134 });
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
            new Fonts(Font(11, false), Font(16, true, PrintSetup.TitleFont), Font(11, true)) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF2F2F2" }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin) { Count = 2 },
            new CellStyleFormats(new CellFormat { FontId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { FontId = 0, ApplyFont = true }, // every cell names the body font, so every reader shows 宋体, not its own default
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center }) { FontId = 1, ApplyFont = true, ApplyAlignment = true },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
                {
                    FontId = 2, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true,
                },
                new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }) { FontId = 0, BorderId = 1, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat { FontId = 0, BorderId = 1, ApplyFont = true, ApplyBorder = true },
                new CellFormat { FontId = 0, NumberFormatId = 164, BorderId = 1, ApplyFont = true, ApplyNumberFormat = true, ApplyBorder = true }) { Count = 6 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}

/// <summary>An .xlsx written when the response is sent (streamed from a temporary file), so an endpoint stays a one-liner.</summary>
public sealed class XlsxResult(Func<CancellationToken, Task<Stream>> write, string fileName) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var stream = await write(httpContext.RequestAborted);
        await Results.File(stream, XlsxStream.ContentType, fileName).ExecuteAsync(httpContext);
    }
}
