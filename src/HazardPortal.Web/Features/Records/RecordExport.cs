using HazardPortal.Core.Hazards;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// A record list as .xlsx: a title row with the export day, bold Chinese headers, one row per record,
/// numbers as numbers and days as Excel dates. Every record list exports through here.
/// </summary>
public static class RecordExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Every row of a list, page by page, however many there are (an export never stops at a row limit).</summary>
    public static async IAsyncEnumerable<T> AllAsync<T>(Func<RecordSupport.ListFilter, Task<RecordSupport.Page<T>>> list, RecordSupport.ListFilter filter)
    {
        for (var page = 1; ; page++)
        {
            var chunk = await list(filter with { Page = page, PageSize = RecordSupport.MaxPageSize });
            foreach (var item in chunk.Items)
            {
                yield return item;
            }

            if (chunk.Items.Count < RecordSupport.MaxPageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>A list as an A4 sheet: the title with the export day, 序号, then the columns; streamed row by row.</summary>
    public static Task<Stream> WorkbookAsync<T>(
        string title, TimeProvider clock, IReadOnlyList<(string Header, double Width, Func<T, object?> Value)> columns, IAsyncEnumerable<T> rows, CancellationToken ct = default)
    {
        var sheetColumns = new List<Shared.XlsxStream.Column> { new("序号", 6) };
        sheetColumns.AddRange(columns.Select(c => new Shared.XlsxStream.Column(c.Header, c.Width)));
        return Shared.XlsxStream.WriteAsync(title, $"{title}（导出日期：{ChinaTime.Today(clock):yyyy年M月d日}）", sheetColumns, Numbered(rows, columns, ct), landscape: columns.Sum(c => c.Width) > 110, ct);
    }

    /// <summary>The same for a list already in memory.</summary>
    public static Task<Stream> WorkbookAsync<T>(string title, TimeProvider clock, IReadOnlyList<(string Header, double Width, Func<T, object?> Value)> columns, IEnumerable<T> rows, CancellationToken ct = default) =>
        WorkbookAsync(title, clock, columns, rows.ToAsyncEnumerable(), ct);

    private static async IAsyncEnumerable<object?[]> Numbered<T>(
        IAsyncEnumerable<T> rows, IReadOnlyList<(string Header, double Width, Func<T, object?> Value)> columns, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var n = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            var values = new object?[columns.Count + 1];
            values[0] = ++n;
            for (var c = 0; c < columns.Count; c++)
            {
                values[c + 1] = columns[c].Value(row);
            }

            yield return values;
        }
    }
}
