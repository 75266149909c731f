<#macro bucket n>
- name: b${n}
<@bucket n + 1/>
</#macro>
buckets:
<@bucket 0/>
