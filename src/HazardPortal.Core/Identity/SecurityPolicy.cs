using FluentValidation;

namespace HazardPortal.Core.Identity;

/// <summary>The password and session policy (等保 baseline), one row, set by the SecurityAdmin.</summary>
public class SecurityPolicy
{
    public int Id { get; set; } = 1;

    public int MinPasswordLength { get; set; } = 8;

    /// <summary>How many of the four classes (upper, lower, digit, symbol) a password needs.</summary>
    public int MinCharacterClasses { get; set; } = 3;

    public int LockoutThreshold { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 30;

    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>SystemAdmin, SecurityAdmin and Auditor sign in with a second factor (off in the demo seed).</summary>
    public bool RequireMfaForAdministrators { get; set; }

    /// <summary>安委办 accounts at county level and above sign in with a second factor.</summary>
    public bool RequireMfaForOffices { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static SecurityPolicy Baseline => new();

    /// <summary>Chinese reasons why the password breaks the policy; empty when it is acceptable.</summary>
    public IReadOnlyList<string> CheckPassword(string? password)
    {
        var errors = new List<string>();
        password ??= string.Empty;
        if (password.Length < MinPasswordLength)
        {
            errors.Add($"密码长度至少{MinPasswordLength}位");
        }

        var classes = new[]
        {
            password.Any(char.IsAsciiLetterUpper),
            password.Any(char.IsAsciiLetterLower),
            password.Any(char.IsAsciiDigit),
            password.Any(c => !char.IsAsciiLetterOrDigit(c) && !char.IsWhiteSpace(c)),
        }.Count(x => x);
        if (classes < MinCharacterClasses)
        {
            errors.Add($"密码须包含大写字母、小写字母、数字、特殊字符中的至少{MinCharacterClasses}类");
        }

        if (password.Any(char.IsWhiteSpace))
        {
            errors.Add("密码不能包含空格");
        }

        return errors;
    }

    public sealed class Validator : AbstractValidator<SecurityPolicy>
    {
        public Validator()
        {
            RuleFor(p => p.MinPasswordLength).InclusiveBetween(8, 64).WithMessage("密码最小长度须在8到64之间（等保基线不少于8位）");
            RuleFor(p => p.MinCharacterClasses).InclusiveBetween(3, 4).WithMessage("字符类别数须为3或4（等保基线至少3类）");
            RuleFor(p => p.LockoutThreshold).InclusiveBetween(3, 5).WithMessage("锁定阈值须在3到5次之间（等保基线不超过5次）");
            RuleFor(p => p.LockoutMinutes).InclusiveBetween(30, 1440).WithMessage("锁定时长须在30到1440分钟之间（等保基线不少于30分钟）");
            RuleFor(p => p.IdleTimeoutMinutes).InclusiveBetween(5, 30).WithMessage("空闲退出时间须在5到30分钟之间（等保基线不超过30分钟）");
        }
    }
}
