using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace HazardPortal.Core.Identity;

/// <summary>
/// Multi-factor sign-in (等保 三级 身份鉴别: two factors for the administrators and the offices that run the
/// campaign): a TOTP authenticator (RFC 6238, 6 digits, 30 s, one step of clock drift either way) and ten
/// one-time recovery codes, stored hashed. The secret lives on the user's row; a code is accepted once.
/// </summary>
public static class Mfa
{
    public const string Issuer = "隐患台账门户";
    public const int RecoveryCodeCount = 10;

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The otpauth URI an authenticator app reads from the QR code.</summary>
    public static string Uri(string secret, string userName) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(userName)}?secret={secret}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    /// <summary>
    /// True for the current code (or the one before or after, for a phone's clock a little off) that has not been
    /// used yet; <paramref name="lastStep"/> is the last accepted time step, so the same code cannot be replayed.
    /// </summary>
    public static bool VerifyTotp(string secret, string? code, DateTimeOffset now, long? lastStep, out long step)
    {
        step = 0;
        code = code?.Replace(" ", "", StringComparison.Ordinal).Trim();
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(now.UtcDateTime, code, out step, new VerificationWindow(previous: 1, future: 1)) && (lastStep is null || step > lastStep);
    }

    /// <summary>The code an authenticator shows now (tests and the enrolment page's own check use it).</summary>
    public static string Code(string secret, DateTimeOffset now) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(now.UtcDateTime);

    /// <summary>Ten codes of the form 1234-5678, shown once; the user row keeps only their hashes.</summary>
    public static (IReadOnlyList<string> Codes, string Hashes) NewRecoveryCodes()
    {
        var codes = Enumerable.Range(0, RecoveryCodeCount)
            .Select(_ => $"{RandomNumberGenerator.GetInt32(0, 10000):D4}-{RandomNumberGenerator.GetInt32(0, 10000):D4}").ToList();
        return (codes, string.Join(',', codes.Select(Hash)));
    }

    /// <summary>Uses a recovery code: true and the remaining hashes when it was one of them.</summary>
    public static bool UseRecoveryCode(string? hashes, string? code, out string remaining)
    {
        remaining = hashes ?? string.Empty;
        var normalised = code?.Trim();
        if (string.IsNullOrEmpty(hashes) || normalised is not { Length: 9 } || normalised[4] != '-')
        {
            return false;
        }

        var list = hashes.Split(',').ToList();
        var hit = Hash(normalised);
        if (!list.Remove(hit))
        {
            return false;
        }

        remaining = string.Join(',', list);
        return true;
    }

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
}
