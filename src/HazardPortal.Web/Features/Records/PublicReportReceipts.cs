using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// The confirmation of a filed public report, carried to its own page after the form's POST (post–redirect–get):
/// the query code and any photo that failed, signed and good for two hours, so the page can be reloaded or
/// bookmarked without filing again and without the code in any server log beyond the signed receipt.
/// </summary>
public sealed class PublicReportReceipts(IDataProtectionProvider protection)
{
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("HazardPortal.PublicReportReceipt").ToTimeLimitedDataProtector();

    public sealed record Receipt(string QueryCode, IReadOnlyList<string> PhotoErrors);

    public string Issue(string queryCode, IReadOnlyList<string> photoErrors) =>
        protector.Protect(JsonSerializer.Serialize(new Receipt(queryCode, photoErrors)), TimeSpan.FromHours(2));

    public Receipt? Read(string? receipt)
    {
        if (string.IsNullOrEmpty(receipt) || receipt.Length > 4000)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Receipt>(protector.Unprotect(receipt));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
