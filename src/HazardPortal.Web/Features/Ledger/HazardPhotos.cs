using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>
/// Before/after photos: JPEG, PNG or WebP by magic bytes (never the name), 1 byte to 10 MB, stored in
/// the database under a server-generated id, served only through the scope check.
/// </summary>
public sealed class HazardPhotos(PortalDb portalDb, TimeProvider clock)
{
    public sealed record Photo(byte[] Content, string ContentType);

    public async Task<Result<Guid>> UploadAsync(Guid hazardId, Stream content, long? declaredLength, PhotoStage stage, DateTimeOffset? capturedAt, CancellationToken ct = default)
    {
        var image = await ReadImageAsync(content, declaredLength, ct);
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
            CapturedAt = capturedAt is { } c && c <= now ? c : now,
            UploadedAt = now,
            UploadedByUserId = actor.UserId,
        };
        db.HazardPhotos.Add(photo);
        await db.SaveChangesAsync(ct);
        return photo.Id;
    }

    public async Task<Result<Photo>> GetAsync(Guid photoId, CancellationToken ct = default)
    {
        var actor = HazardRules.ActorOf(portalDb.Scope);
        await using var db = portalDb.Open();
        var photo = await db.HazardPhotos.AsNoTracking().Where(p => p.Id == photoId)
            .Where(p => HazardStore.Visible(db, actor).Any(h => h.Id == p.HazardId))
            .Select(p => new Photo(p.Content, p.ContentType)).SingleOrDefaultAsync(ct);
        return photo is null ? Error.NotFound("照片") : photo;
    }

    /// <summary>Reads an uploaded image: 1 byte to 10 MB, JPEG, PNG or WebP by its magic bytes.</summary>
    public static async Task<Result<Photo>> ReadImageAsync(Stream content, long? declaredLength, CancellationToken ct)
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
        var type = HazardPhoto.DetectContentType(bytes.AsSpan(0, Math.Min(bytes.Length, 16)));
        if (type is null)
        {
            return Error.Invalid("file", "只能上传JPEG、PNG或WebP格式的照片");
        }

        return new Photo(bytes, type);
    }
}
