using System.Security.Cryptography;
using System.Text;

namespace HazardPortal.Core.Dispatch;

/// <summary>
/// A form's id follows from what it is — template, unit, period, cutoff day — as a name-based UUID (RFC 9562 v5), so
/// reading a form that was never saved needs no row: <c>GET …/forms?unit&amp;template&amp;period</c> answers with the id
/// the form will have, and the first save or submit to that id creates it. (Rows made before this rule keep their
/// random ids; a stored form is always found by its key first.)
/// </summary>
public static class FormIds
{
    private static readonly Guid Namespace = new("6f1c2b4e-8d3a-5e7f-9a0b-1c2d3e4f5a6b");

    public static Guid For(string template, string unitKey, string period, int cutoffDay)
    {
        Span<byte> ns = stackalloc byte[16];
        Namespace.TryWriteBytes(ns, bigEndian: true, out _);
        var name = Encoding.UTF8.GetBytes($"{template}|{unitKey}|{period}|{cutoffDay}");
        var input = new byte[16 + name.Length];
        ns.CopyTo(input);
        name.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for a v5 name-based UUID; it names, it does not protect.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
