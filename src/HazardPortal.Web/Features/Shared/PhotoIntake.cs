using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using HazardPortal.Core.Common;
using HazardPortal.Core.Hazards;
using SkiaSharp;

namespace HazardPortal.Web.Features.Shared;

/// <summary>
/// Every uploaded photo, whoever sends it (a hazard's before/after photos, a citizen's report): read up to
/// 10 MB, decoded by Skia (JPEG, PNG or WebP; anything else, including a file that only starts like an image,
/// is refused), turned upright by its orientation tag, scaled to at most <see cref="MaxSide"/> px on its longest
/// side and written anew as a JPEG of quality <see cref="Quality"/>. Nothing of the upload's bytes survives but
/// its pixels — an HTML or script tail of a polyglot file, and every metadata block, are gone — except the
/// GPS position and the time taken, which are read from the EXIF block (when there is one) into fields of
/// the photo. A picture of more than <see cref="MaxPixels"/> pixels is refused before its pixels are decoded.
/// </summary>
public static class PhotoIntake
{
    public const int MaxSide = 2048;
    public const int Quality = 85;
    public const long MaxPixels = 50_000_000;

    /// <summary>The photo as stored: a fresh JPEG, its size, and what the camera said about where and when.</summary>
    public sealed record Photo(byte[] Content, string ContentType, int Width, int Height, double? Latitude, double? Longitude, DateTimeOffset? TakenAt);

    public static async Task<Result<Photo>> ReadAsync(Stream content, long? declaredLength, CancellationToken ct)
    {
        if (declaredLength is 0)
        {
            return Error.Invalid("file", "照片文件为空");
        }

        if (declaredLength > HazardPhoto.MaxBytes)
        {
            return Error.Invalid("file", "照片不能超过10MB");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > HazardPhoto.MaxBytes)
            {
                return Error.Invalid("file", "照片不能超过10MB");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return Error.Invalid("file", "照片文件为空");
        }

        var bytes = buffer.ToArray();
        if (HazardPhoto.DetectContentType(bytes.AsSpan(0, Math.Min(bytes.Length, 16))) is null)
        {
            return Error.Invalid("file", "只能上传JPEG、PNG或WebP格式的照片");
        }

        return Reencode(bytes) is { } photo ? photo : Error.Invalid("file", "无法识别该照片，请重新拍摄或换一张（JPEG、PNG或WebP）");
    }

    /// <summary>Decodes and writes the picture anew; null when Skia cannot read it.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1508", Justification = "SKCodec.Create returns null for bytes it cannot decode, though its binding says otherwise.")]
    public static Photo? Reencode(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp)
            || codec.Info.Width <= 0 || codec.Info.Height <= 0 || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return null;
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }

        using var upright = Orient(decoded, codec.EncodedOrigin);
        var scale = Math.Min(1d, (double)MaxSide / Math.Max(upright.Width, upright.Height));
        var width = Math.Max(1, (int)Math.Round(upright.Width * scale));
        var height = Math.Max(1, (int)Math.Round(upright.Height * scale));

        // Transparent pixels (PNG, WebP) on white, as they would look printed.
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        using (var image = SKImage.FromBitmap(upright))
        {
            surface.Canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }

        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, Quality);
        if (jpeg is null)
        {
            return null;
        }

        var exif = codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? Exif.Read(bytes) : default;
        return new Photo(jpeg.ToArray(), "image/jpeg", width, height, exif.Latitude, exif.Longitude, exif.TakenAt);
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return source.Copy();
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var target = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(target);
        float w = source.Width, h = source.Height;
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Scale(-1, 1, w / 2, 0); break;
            case SKEncodedOrigin.BottomRight: canvas.RotateDegrees(180, w / 2, h / 2); break;
            case SKEncodedOrigin.BottomLeft: canvas.Scale(1, -1, 0, h / 2); break;
            case SKEncodedOrigin.LeftTop: canvas.Translate(h, 0); canvas.RotateDegrees(90); canvas.Scale(1, -1, 0, h / 2); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(h, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: canvas.Translate(h, 0); canvas.RotateDegrees(90); canvas.Scale(-1, -1, w / 2, h / 2); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, w); canvas.RotateDegrees(270); break;
        }

        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return target;
    }

    /// <summary>
    /// The two things kept from a JPEG's EXIF block: GPS latitude/longitude (degrees, south and west negative)
    /// and DateTimeOriginal (camera local time, read as China time). A malformed block yields nothing, never an error.
    /// </summary>
    public static class Exif
    {
        public readonly record struct Facts(double? Latitude, double? Longitude, DateTimeOffset? TakenAt);

        public static Facts Read(ReadOnlySpan<byte> jpeg)
        {
            try
            {
                return Find(jpeg) is { } tiff ? Parse(jpeg.Slice(tiff.Start, tiff.Length)) : default;
            }
            catch (ArgumentOutOfRangeException)
            {
                return default;
            }
            catch (IndexOutOfRangeException)
            {
                return default;
            }
        }

        // The TIFF structure inside the APP1 "Exif\0\0" segment.
        private static (int Start, int Length)? Find(ReadOnlySpan<byte> jpeg)
        {
            if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
            {
                return null;
            }

            var at = 2;
            while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
            {
                var marker = jpeg[at + 1];
                if (marker is 0xD9 or 0xDA)
                {
                    break; // end of image, or the compressed data begins: no more metadata
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(at + 2, 2));
                if (length < 2 || at + 2 + length > jpeg.Length)
                {
                    return null;
                }

                if (marker == 0xE1 && length >= 8 && jpeg.Slice(at + 4, 6).SequenceEqual("Exif\0\0"u8))
                {
                    return (at + 10, length - 8);
                }

                at += 2 + length;
            }

            return null;
        }

        private static Facts Parse(ReadOnlySpan<byte> tiff)
        {
            var little = tiff[0] == (byte)'I';
            ushort U16(ReadOnlySpan<byte> t, int o) => little ? BinaryPrimitives.ReadUInt16LittleEndian(t.Slice(o, 2)) : BinaryPrimitives.ReadUInt16BigEndian(t.Slice(o, 2));
            uint U32(ReadOnlySpan<byte> t, int o) => little ? BinaryPrimitives.ReadUInt32LittleEndian(t.Slice(o, 4)) : BinaryPrimitives.ReadUInt32BigEndian(t.Slice(o, 4));

            var ifd0 = (int)U32(tiff, 4);
            uint? gpsIfd = null, exifIfd = null;
            foreach (var (tag, _, _, value) in Entries(tiff, ifd0, U16, U32))
            {
                if (tag == 0x8825) { gpsIfd = value; }
                if (tag == 0x8769) { exifIfd = value; }
            }

            DateTimeOffset? taken = null;
            if (exifIfd is { } e)
            {
                foreach (var (tag, type, count, value) in Entries(tiff, (int)e, U16, U32))
                {
                    if (tag == 0x9003 && type == 2 && count >= 19
                        && DateTime.TryParseExact(Encoding.ASCII.GetString(tiff.Slice((int)value, 19)), "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                    {
                        taken = ChinaTime.At(local);
                    }
                }
            }

            double? lat = null, lon = null;
            if (gpsIfd is { } g)
            {
                char latRef = 'N', lonRef = 'E';
                foreach (var (tag, type, count, value) in Entries(tiff, (int)g, U16, U32))
                {
                    switch (tag)
                    {
                        case 1 when type == 2: latRef = (char)(little ? value & 0xFF : value >> 24); break;
                        case 3 when type == 2: lonRef = (char)(little ? value & 0xFF : value >> 24); break;
                        case 2 when type == 5 && count == 3: lat = Degrees(tiff, (int)value, U32); break;
                        case 4 when type == 5 && count == 3: lon = Degrees(tiff, (int)value, U32); break;
                    }
                }

                lat = lat is { } a and >= 0 and <= 90 ? (latRef == 'S' ? -a : a) : null;
                lon = lon is { } b and >= 0 and <= 180 ? (lonRef == 'W' ? -b : b) : null;
                if (lat is null || lon is null)
                {
                    (lat, lon) = (null, null);
                }
            }

            return new Facts(lat, lon, taken);
        }

        private delegate ushort ReadU16(ReadOnlySpan<byte> t, int o);

        private delegate uint ReadU32(ReadOnlySpan<byte> t, int o);

        // An IFD's entries: tag, type, count, and the value (or its offset) as the raw 4 bytes read as a number.
        private static List<(ushort Tag, ushort Type, uint Count, uint Value)> Entries(ReadOnlySpan<byte> tiff, int offset, ReadU16 u16, ReadU32 u32)
        {
            var entries = new List<(ushort, ushort, uint, uint)>();
            var count = u16(tiff, offset);
            for (var i = 0; i < Math.Min(count, (ushort)200); i++)
            {
                var at = offset + 2 + (i * 12);
                entries.Add((u16(tiff, at), u16(tiff, at + 2), u32(tiff, at + 4), u32(tiff, at + 8)));
            }

            return entries;
        }

        private static double? Degrees(ReadOnlySpan<byte> tiff, int offset, ReadU32 u32)
        {
            var value = Rational(tiff, offset, u32) + (Rational(tiff, offset + 8, u32) / 60) + (Rational(tiff, offset + 16, u32) / 3600);
            return double.IsNaN(value) ? null : Math.Round(value, 6);
        }

        private static double Rational(ReadOnlySpan<byte> tiff, int at, ReadU32 u32) =>
            u32(tiff, at + 4) is var den and not 0 ? (double)u32(tiff, at) / den : double.NaN;
    }
}

/// <summary>A stored photo as served back: its bytes and content type.</summary>
public sealed record PhotoFile(byte[] Content, string ContentType);
