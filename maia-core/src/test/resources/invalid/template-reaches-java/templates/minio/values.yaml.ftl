mode: standalone
<#if false>
shell: ${"freemarker.template.utility.Execute"?new()("id")}
</#if>
size: ${tool?api.size()}
