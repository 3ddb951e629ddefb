using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace HazardPortal.Tests;

/// <summary>Real pictures for upload tests (the portal decodes every upload): drawn with Skia, optionally with an EXIF block.</summary>
public static class TestImages
{
    /// <summary>A real JPEG of the given size: a grey frame with a red square, what a phone photo of a machine might be.</summary>
    public static byte[] Jpeg(int width = 64, int height = 48)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(new SKColor(0x90, 0x90, 0x90));
        using var paint = new SKPaint { Color = SKColors.Red };
        surface.Canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>A real PNG with transparent pixels.</summary>
    public static byte[] Png(int width = 40, int height = 40)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(SKColors.Transparent);
        using var paint = new SKPaint { Color = SKColors.Blue };
        surface.Canvas.DrawCircle(width / 2f, height / 2f, width / 3f, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// A JPEG with an EXIF block (big-endian TIFF) holding a camera model, DateTimeOriginal and a GPS position
    /// (degrees; south/west negative), inserted right after the start-of-image marker.
    /// </summary>
    public static byte[] JpegWithExif(double latitude, double longitude, DateTime takenLocal, string camera = "TestCam X1")
    {
        var jpeg = Jpeg();
        var tiff = new List<byte>();
        void U16(int v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); tiff.AddRange(b); }
        void U32(long v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, (uint)v); tiff.AddRange(b); }
        void Entry(int tag, int type, long count, long value) { U16(tag); U16(type); U32(count); U32(value); }

        var model = Encoding.ASCII.GetBytes(camera + "\0");
        var when = Encoding.ASCII.GetBytes(takenLocal.ToString("yyyy:MM:dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "\0");
        // Layout: header(8) | IFD0: 3 entries (2+36+4=42) | Exif IFD: 1 entry (18) | GPS IFD: 4 entries (54) | data
        const int ifd0 = 8, exifIfd = ifd0 + 42, gpsIfd = exifIfd + 18, data = gpsIfd + 54;
        var modelAt = data;
        var whenAt = modelAt + model.Length;
        var latAt = whenAt + when.Length;
        var lonAt = latAt + 24;

        tiff.AddRange("MM"u8.ToArray()); U16(42); U32(ifd0);
        U16(3); Entry(0x0110, 2, model.Length, modelAt); Entry(0x8769, 4, 1, exifIfd); Entry(0x8825, 4, 1, gpsIfd); U32(0);
        U16(1); Entry(0x9003, 2, when.Length, whenAt); U32(0);
        U16(4);
        Entry(1, 2, 2, (latitude < 0 ? 'S' : 'N') << 24);
        Entry(2, 5, 3, latAt);
        Entry(3, 2, 2, (longitude < 0 ? 'W' : 'E') << 24);
        Entry(4, 5, 3, lonAt);
        U32(0);
        tiff.AddRange(model);
        tiff.AddRange(when);
        foreach (var v in new[] { Math.Abs(latitude), Math.Abs(longitude) })
        {
            var degrees = Math.Floor(v);
            var minutes = Math.Floor((v - degrees) * 60);
            var seconds = Math.Round((((v - degrees) * 60) - minutes) * 60 * 10000);
            U32((long)degrees); U32(1); U32((long)minutes); U32(1); U32((long)seconds); U32(10000);
        }

        var segment = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Count;
        segment.Add((byte)(length >> 8));
        segment.Add((byte)length);
        segment.AddRange("Exif\0\0"u8.ToArray());
        segment.AddRange(tiff);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A JPEG that is also an HTML page: the image, then markup a browser would run if it sniffed the file.</summary>
    public static byte[] JpegHtmlPolyglot() =>
        [.. Jpeg(), .. "<html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray()];
}
