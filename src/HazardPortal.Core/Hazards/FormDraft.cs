using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Hazards;

/// <summary>
/// A half-filled form saved by the server every few seconds, so a dropped connection or a closed tab
/// loses nothing. One per user and form; scoped like every business row and read only by its user.
/// </summary>
public class FormDraft : IEnterpriseOwned, IBusinessRow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public required string FormKey { get; set; }

    public required string Json { get; set; }

    public LTree Path { get; set; }

    public Guid? EnterpriseId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
