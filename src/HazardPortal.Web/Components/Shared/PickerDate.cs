namespace HazardPortal.Web.Components.Shared;

/// <summary>MudDatePicker holds a DateTime?; the portal's days are DateOnly. The one conversion both ways.</summary>
public static class PickerDate
{
    public static DateTime? ToPicker(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    public static DateOnly? FromPicker(DateTime? picked) => picked is { } d ? DateOnly.FromDateTime(d) : null;
}

/// <summary>
/// MudBlazor's button classes for plain links and buttons in markup that every open circuit keeps
/// (the shell, the ledger): the look of MudButton / MudIconButton without their components.
/// </summary>
public static class MudClasses
{
    public const string FilledButton = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple";
    public const string OutlinedButton = "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-medium mud-ripple";
    public const string SmallOutlinedButton = "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-small mud-ripple";
    public const string TextButton = "mud-button-root mud-button mud-button-text mud-button-text-primary mud-button-text-size-medium mud-ripple";
    public const string IconButton = "mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon";
}
