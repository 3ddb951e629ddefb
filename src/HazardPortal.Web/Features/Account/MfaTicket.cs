using HazardPortal.Core.Identity;
using Microsoft.AspNetCore.DataProtection;

namespace HazardPortal.Web.Features.Account;

/// <summary>
/// Between a browser's right password and its second factor: a ticket naming the account (and its security stamp,
/// so that a lockout or any change voids it) and where to go afterwards, protected by the shared key ring and valid
/// for ten minutes. It proves the password was right; it signs nobody in.
/// </summary>
public sealed class MfaTicket(IDataProtectionProvider protection)
{
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("HazardPortal.MfaTicket").ToTimeLimitedDataProtector();

    public sealed record Content(Guid UserId, string Stamp, string? ReturnUrl);

    public string Issue(HazardPortal.Core.Identity.SignInResult result, string? returnUrl) =>
        protector.Protect($"{result.UserId}|{result.Stamp}|{returnUrl}", TimeSpan.FromMinutes(10));

    public Content? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 2000)
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(ticket).Split('|', 3);
            return parts.Length == 3 && Guid.TryParse(parts[0], out var id) ? new Content(id, parts[1], parts[2].Length == 0 ? null : parts[2]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// The authenticator's QR code for a secret, drawn as an SVG of the code's modules (ZXing encodes; nothing draws
    /// with System.Drawing) and inlined as a data URI (the page's CSP allows data: images).
    /// </summary>
    public static string QrDataUri(string secret, string userName)
    {
        var matrix = new ZXing.QrCode.QRCodeWriter().encode(Mfa.Uri(secret, userName), ZXing.BarcodeFormat.QR_CODE, 0, 0,
            new Dictionary<ZXing.EncodeHintType, object> { [ZXing.EncodeHintType.ERROR_CORRECTION] = ZXing.QrCode.Internal.ErrorCorrectionLevel.M, [ZXing.EncodeHintType.MARGIN] = 2 });
        var svg = new System.Text.StringBuilder();
        svg.Append(System.Globalization.CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {matrix.Width} {matrix.Height}\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (var y = 0; y < matrix.Height; y++)
        {
            for (var x = 0; x < matrix.Width; x++)
            {
                if (matrix[x, y])
                {
                    svg.Append(System.Globalization.CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        svg.Append("\"/></svg>");
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg.ToString()));
    }
}
