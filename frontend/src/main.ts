import { mount } from 'svelte'
import App from './App.svelte'
import { guardBrowserOpenURL } from './lib/links'
import './style.css'

guardBrowserOpenURL()
const app = mount(App, { target: document.getElementById('app')! })

export default app
