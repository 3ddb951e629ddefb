using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>
/// Before/after photos: read and written anew by <see cref="PhotoIntake"/> (a JPEG of at most 2,048 px, the
/// GPS position and time kept as fields), stored in the database under a server-generated id, served only
/// through the scope check.
/// </summary>
public sealed class HazardPhotos(PortalDb portalDb, TimeProvider clock)
{
    public async Task<Result<Guid>> UploadAsync(Guid hazardId, Stream content, long? declaredLength, PhotoStage stage, DateTimeOffset? capturedAt, CancellationToken ct = default)
    {
        var image = await PhotoIntake.ReadAsync(content, declaredLength, ct);
        if (!image.Succeeded)
        {
            return image.Error!;
        }

        var bytes = image.Value!.Content;
        var type = image.Value.ContentType;
        var actor = HazardRules.ActorOf(portalDb.Scope);
        await using var db = portalDb.Open();
        var hazard = await HazardStore.FindAsync(db, actor, hazardId, ct);
        if (hazard is null)
        {
            return Error.NotFound("隐患");
        }

        if (hazard.Status is HazardStatus.Verified or HazardStatus.Voided)
        {
            return Error.Conflict("已验收销号或已作废的隐患不能再上传照片");
        }

        var now = clock.GetUtcNow();
        var photo = new HazardPhoto
        {
            HazardId = hazard.Id,
            EnterpriseId = hazard.EnterpriseId,
            Path = hazard.Path,
            Stage = stage,
            ContentType = type,
            Size = bytes.Length,
            Content = bytes,
            CapturedAt = capturedAt is { } c && c <= now ? c : image.Value.TakenAt is { } t && t <= now ? t : now,
            Latitude = image.Value.Latitude,
            Longitude = image.Value.Longitude,
            TakenAt = image.Value.TakenAt,
            UploadedAt = now,
            UploadedByUserId = actor.UserId,
        };
        db.HazardPhotos.Add(photo);
        await db.SaveChangesAsync(ct);
        return photo.Id;
    }

    public async Task<Result<PhotoFile>> GetAsync(Guid photoId, CancellationToken ct = default)
    {
        var actor = HazardRules.ActorOf(portalDb.Scope);
        await using var db = portalDb.Open();
        var photo = await db.HazardPhotos.AsNoTracking().Where(p => p.Id == photoId)
            .Where(p => HazardStore.Visible(db, actor).Any(h => h.Id == p.HazardId))
            .Select(p => new PhotoFile(p.Content, p.ContentType)).SingleOrDefaultAsync(ct);
        return photo is null ? Error.NotFound("照片") : photo;
    }
}
