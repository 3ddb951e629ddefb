namespace HazardPortal.Core.Hazards;

public enum HazardStatus
{
    Draft,
    Registered,
    Reported,
    Rectified,
    Verified,
    Voided,
}

public enum HazardGrade
{
    /// <summary>重大事故隐患 — the forms count these.</summary>
    Major,

    /// <summary>一般事故隐患.</summary>
    General,
}

public enum HazardSource
{
    SelfInspection,
    DepartmentInspection,
    TownshipInspection,
    SupervisoryInspection,
    PublicReport,
}

public enum SubjectKind
{
    Enterprise,
    Place,
}

public enum SupervisionLevel
{
    National,
    Province,
    Prefecture,
    County,
}

public enum HazardEventKind
{
    Registered,
    Edited,
    Reported,
    Extended,
    Rectified,
    VerificationPassed,
    VerificationFailed,
    Supervised,
    Unsupervised,
    Voided,
}

public enum PhotoStage
{
    Before,
    After,
}

public enum RouteKind
{
    /// <summary>A lead department of the sector at the subject's supervising level.</summary>
    LeadDepartment,

    /// <summary>The subject's township (乡镇/街道) government.</summary>
    Township,
}

public static class HazardNames
{
    public static string Status(HazardStatus s) => s switch
    {
        HazardStatus.Draft => "草稿",
        HazardStatus.Registered => "已登记",
        HazardStatus.Reported => "已报告",
        HazardStatus.Rectified => "已整改",
        HazardStatus.Verified => "已验收销号",
        HazardStatus.Voided => "已作废",
    };

    public static string Grade(HazardGrade g) => g switch
    {
        HazardGrade.Major => "重大",
        HazardGrade.General => "一般",
    };

    public static string Source(HazardSource s) => s switch
    {
        HazardSource.SelfInspection => "企业自查",
        HazardSource.DepartmentInspection => "部门检查",
        HazardSource.TownshipInspection => "乡镇排查",
        HazardSource.SupervisoryInspection => "督导检查",
        HazardSource.PublicReport => "举报",
    };

    public static string Event(HazardEventKind k) => k switch
    {
        HazardEventKind.Registered => "登记",
        HazardEventKind.Edited => "修改",
        HazardEventKind.Reported => "报告",
        HazardEventKind.Extended => "延期",
        HazardEventKind.Rectified => "整改完成",
        HazardEventKind.VerificationPassed => "验收通过（销号）",
        HazardEventKind.VerificationFailed => "验收不通过",
        HazardEventKind.Supervised => "挂牌督办",
        HazardEventKind.Unsupervised => "摘牌",
        HazardEventKind.Voided => "作废",
    };

    public static string Level(SupervisionLevel l) => l switch
    {
        SupervisionLevel.National => "国家级",
        SupervisionLevel.Province => "省级",
        SupervisionLevel.Prefecture => "市级",
        SupervisionLevel.County => "县级",
    };
}
