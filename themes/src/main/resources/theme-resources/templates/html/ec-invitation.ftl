<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if identityProviderName??>
${kcSanitize(msg("ecInvitationBodyHtmlIdp", realmName, link, expiresAt, identityProviderName))?no_esc}
<#else>
${kcSanitize(msg("ecInvitationBodyHtml", realmName, link, expiresAt))?no_esc}
</#if>
</@layout.emailLayout>
