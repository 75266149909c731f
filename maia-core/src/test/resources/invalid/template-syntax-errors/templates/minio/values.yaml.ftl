mode: standalone
<#if tool.size??>
persistence:
  size: ${tool.size}
