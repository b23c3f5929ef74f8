using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MtvConsole.Web.Tests;

/// <summary>Self-signed certificates made on the fly (CertificateRequest), for the trust step and the TLS tests.</summary>
public static class TestCertificates
{
    public static X509Certificate2 SelfSigned(string commonName, DateTimeOffset? notBefore = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=MTV Console Tests", key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddIpAddress(System.Net.IPAddress.Loopback);
        sans.AddDnsName("localhost");
        request.CertificateExtensions.Add(sans.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var start = notBefore ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return request.CreateSelfSigned(start, start.AddYears(2));
    }

    public static string SelfSignedPem(string commonName)
    {
        using var certificate = SelfSigned(commonName);
        return certificate.ExportCertificatePem();
    }
}
