// Element Plus's message toasts and confirm boxes are called as functions,
// not used in templates, so the on-demand import of components does not
// bring their styles: they are imported here, with them. Pages import
// ElMessage and ElMessageBox from this file.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'

export { ElMessage, ElMessageBox } from 'element-plus'
