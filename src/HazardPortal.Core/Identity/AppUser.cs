using Microsoft.AspNetCore.Identity;

namespace HazardPortal.Core.Identity;

/// <summary>An account, bound to exactly one unit or one enterprise (a database check enforces it).</summary>
public class AppUser : IdentityUser<Guid>
{
    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public required string DisplayName { get; set; }

    public Guid? UnitId { get; set; }

    public Guid? EnterpriseId { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>The password was set by an administrator: the account chooses its own at its next sign-in before anything else.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The TOTP secret (base32) once enrolled (<see cref="IdentityUser{TKey}.TwoFactorEnabled"/>), or while enrolling.</summary>
    public string? MfaSecret { get; set; }

    /// <summary>The last TOTP time step accepted: a code is never accepted twice.</summary>
    public long? MfaLastStep { get; set; }

    /// <summary>SHA-256 hashes of the unused recovery codes, comma-separated.</summary>
    public string? MfaRecoveryHashes { get; set; }
}

public class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
        Id = Guid.CreateVersion7();
    }

    public string? ChineseName { get; set; }
}

/// <summary>
/// A refresh token already exchanged (by the id its pair carries): a second exchange of the same token is refused,
/// so a stolen refresh token and its legitimate holder cannot both go on. Rows older than the refresh token's
/// lifetime (14 days) carry no meaning and may be removed.
/// </summary>
public class UsedRefreshToken
{
    public required string TokenId { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset UsedAt { get; set; }
}
