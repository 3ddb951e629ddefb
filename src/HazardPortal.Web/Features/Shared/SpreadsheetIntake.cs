using System.IO.Compression;

namespace HazardPortal.Web.Features.Shared;

/// <summary>
/// Every uploaded .xlsx, whoever reads it (the ledger import, the audit export's verification): looked into before
/// anything parses it, so that a small file cannot unpack into gigabytes or hide a macro.
/// </summary>
public static class SpreadsheetIntake
{
    /// <summary>What a few thousand rows unpack to is a few MB; a file that unpacks to more is refused before it is parsed.</summary>
    public const long MaxUnpackedBytes = 40 * 1024 * 1024;

    /// <summary>A workbook the portal wrote or gave out has about a dozen parts.</summary>
    public const int MaxParts = 200;

    /// <summary>
    /// Looks into the package before anything parses it: macro-enabled workbooks are refused (any VBA project
    /// or ActiveX part, whatever the file is called), and so is a package that unpacks to more than
    /// <see cref="MaxUnpackedBytes"/> or whose sheets hold more than <paramref name="maxRows"/> rows. Sizes are
    /// counted while decompressing, not taken from the zip's headers (which a crafted file can understate), and
    /// the rows are counted by streaming the sheet's XML, so a 205 KB file holding a 200 MB sheet costs at most
    /// the bound in time and a small buffer in memory.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "Each entry's stream and its bounded wrapper are disposed by using declarations; the analyzer misreads the wrapper's primary constructor.")]
    public static string? Inspect(byte[] bytes, int maxRows)
    {
        const string unreadable = "无法读取该文件，请使用系统提供的.xlsx模板";
        const string tooLarge = "文件解压后内容过大，请删除多余的工作表、格式或图片，或分批导入";
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxParts)
            {
                return unreadable;
            }

            if (zip.Entries.Any(e => e.FullName.Contains("vbaProject", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) && e.FullName.Contains("activeX", StringComparison.OrdinalIgnoreCase)))
            {
                return "文件中含有宏或控件，不能导入";
            }

            var budget = MaxUnpackedBytes;
            if (zip.Entries.Sum(e => e.Length) > budget)
            {
                return tooLarge;
            }

            foreach (var entry in zip.Entries)
            {
                using var raw = entry.Open();
                using var bounded = new BoundedStream(raw, budget);
                if (entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                {
                    if (CountRows(bounded, maxRows + 1) > maxRows + 1)
                    {
                        return $"一次最多导入{maxRows}行";
                    }
                }

                bounded.CopyTo(Stream.Null);
                budget -= bounded.BytesRead;
            }

            return null;
        }
        catch (BoundedStream.LimitExceededException)
        {
            return tooLarge;
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or NotSupportedException or IOException)
        {
            return unreadable;
        }
    }

    /// <summary>The number of <c>row</c> elements in a sheet, counting no further than <paramref name="stopAfter"/> + 1.</summary>
    private static int CountRows(Stream sheet, int stopAfter)
    {
        using var reader = System.Xml.XmlReader.Create(sheet, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true });
        var rows = 0;
        while (reader.Read())
        {
            if (reader.NodeType == System.Xml.XmlNodeType.Element && reader.LocalName == "row" && ++rows > stopAfter)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>A read-only view of a stream that refuses to yield more than a number of bytes.</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        public sealed class LimitExceededException : Exception;

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return BytesRead > limit ? throw new LimitExceededException() : n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
