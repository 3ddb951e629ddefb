using FluentValidation;
using HazardPortal.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>Use case: the inspectors sign the record (谁检查、谁签名、谁负责).</summary>
public sealed partial class Inspections
{
    /// <summary>The signed-in user signs as themselves; a concurrent signature is retried, never lost.</summary>
    public async Task<Result<InspectionDto>> SignAsync(Guid id, CancellationToken ct = default)
    {
        var userId = portalDb.Scope.UserId ?? Guid.Empty;
        for (var attempt = 0; ; attempt++)
        {
            await using var db = portalDb.Open();
            var inspection = await db.Inspections.SingleOrDefaultAsync(i => i.Id == id, ct);
            if (inspection is null)
            {
                return Error.NotFound("检查记录");
            }

            if (inspection.Sign(userId, clock.GetUtcNow()) is { } error)
            {
                return error;
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return await ToDtoAsync(db, inspection, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Another inspector signed at the same moment: read their signature and sign again.
            }
        }
    }
}
