using System.Text.Json;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Shared;

/// <summary>Server-side autosave of half-filled forms, per user and form key.</summary>
public sealed class FormDrafts(PortalDb portalDb, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Saved<T>(T Value, DateTimeOffset UpdatedAt);

    public async Task SaveAsync<T>(string formKey, T value, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (scope.UserId is not { } userId || !scope.IsSet)
        {
            return;
        }

        await using var db = portalDb.Open();
        var draft = await db.FormDrafts.SingleOrDefaultAsync(d => d.UserId == userId && d.FormKey == formKey, ct);
        if (draft is null)
        {
            draft = new FormDraft { UserId = userId, FormKey = formKey, Json = "{}", Path = new Microsoft.EntityFrameworkCore.LTree(scope.Path!), EnterpriseId = scope.EnterpriseId };
            db.FormDrafts.Add(draft);
        }

        draft.Json = JsonSerializer.Serialize(value, Json);
        draft.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    public async Task<Saved<T>?> LoadAsync<T>(string formKey, CancellationToken ct = default)
    {
        if (portalDb.Scope.UserId is not { } userId)
        {
            return null;
        }

        await using var db = portalDb.Open();
        var draft = await db.FormDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.UserId == userId && d.FormKey == formKey, ct);
        return draft is null || JsonSerializer.Deserialize<T>(draft.Json, Json) is not { } value ? null : new Saved<T>(value, draft.UpdatedAt);
    }

    public async Task DeleteAsync(string formKey, CancellationToken ct = default)
    {
        if (portalDb.Scope.UserId is not { } userId)
        {
            return;
        }

        await using var db = portalDb.Open();
        await db.FormDrafts.Where(d => d.UserId == userId && d.FormKey == formKey).ExecuteDeleteAsync(ct);
    }
}
