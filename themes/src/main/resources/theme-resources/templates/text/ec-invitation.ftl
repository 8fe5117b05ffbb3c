<#ftl output_format="plainText">
<#if identityProviderName??>
${msg("ecInvitationBodyIdp", realmName, link, expiresAt, identityProviderName)}
<#else>
${msg("ecInvitationBody", realmName, link, expiresAt)}
</#if>
